#include "indexer/walker.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "unit/temp_dir.h"

TEST_CASE("collect_files: recursive, sorted, hidden skipped, no symlink loops") {
  ns::testing::TempDir dir;
  dir.write("b.md", "x");
  dir.write("a/c.txt", "x");
  dir.write("a/d.markdown", "x");
  dir.write("a/skip.json", "x");
  dir.write(".git/e.md", "x");
  dir.write("a/.hidden.md", "x");
  std::filesystem::create_directory_symlink(dir.path("a"), dir.path("a/loop"));
  ns::WalkResult r = ns::collect_files({dir.path(), dir.path("b.md")});
  CHECK(r.errors.empty());
  CHECK(r.files ==
        std::vector<std::string>{dir.path("a/c.txt"), dir.path("a/d.markdown"), dir.path("b.md")});
}

TEST_CASE("collect_files: a file named directly is taken whatever its name") {
  ns::testing::TempDir dir;
  std::string f = dir.write("article.yaml", "x");
  CHECK(ns::collect_files({f}).files == std::vector<std::string>{f});
}

TEST_CASE("collect_files: a missing path is an error, the rest still walks") {
  ns::testing::TempDir dir;
  std::string f = dir.write("a.md", "x");
  ns::WalkResult r = ns::collect_files({dir.path("nope"), f});
  REQUIRE(r.errors.size() == 1);
  CHECK(std::string(r.errors[0].what()) == dir.path("nope") + ": no such file or folder");
  CHECK(r.files == std::vector<std::string>{f});
}
