#include "indexer/walker.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "unit/temp_dir.h"

namespace {

// What an indexing run sees: the files listed, then each stat'ed (on the
// preparing thread there); those that cannot be are errors.
ns::WalkResult collect_files(const std::vector<std::string>& paths) {
  ns::WalkResult listed = ns::list_files(paths);
  ns::WalkResult out{{},
                     std::move(listed.folders),
                     std::move(listed.missing),
                     std::move(listed.errors),
                     std::move(listed.unlisted)};
  for (ns::FileInfo& file : listed.files) {
    if (ns::stat_file(file)) {
      out.files.push_back(std::move(file));
    } else {
      out.errors.push_back(ns::unreadable(file));
    }
  }
  return out;
}

// The paths found, joined by "|" so a failure prints readably.
std::string paths(const ns::WalkResult& r) {
  std::string out;
  for (const ns::FileInfo& f : r.files) out += (out.empty() ? "" : "|") + f.path;
  return out;
}

}  // namespace

TEST_CASE("collect_files: recursive, sorted, hidden skipped, no symlink loops") {
  ns::testing::TempDir dir;
  dir.write("b.md", "x");
  dir.write("a/c.txt", "xyz");
  dir.write("a/d.markdown", "x");
  dir.write("a/skip.json", "x");
  dir.write(".git/e.md", "x");
  dir.write("a/.hidden.md", "x");
  std::filesystem::create_directory_symlink(dir.path("a"), dir.path("a/loop"));
  ns::WalkResult r = collect_files({dir.path(), dir.path("b.md")});
  CHECK(r.errors.empty());
  CHECK(paths(r) == dir.path("a/c.txt") + "|" + dir.path("a/d.markdown") + "|" + dir.path("b.md"));
  CHECK(r.folders == std::vector<std::string>{dir.path()});
  CHECK(r.files[0].size == 3);
  CHECK(r.files[0].mtime_ns != 0);
}

// Stamps written before one stat call replaced std::filesystem's two count
// from its clock's epoch (libstdc++'s is in 2174): they must stay equal, or
// every file would be indexed again.
TEST_CASE("collect_files: modification times on std::filesystem's clock, as stamps hold them") {
  ns::testing::TempDir dir;
  const std::string f = dir.write("a.md", "x");
  std::filesystem::last_write_time(f, std::filesystem::file_time_type::clock::now() -
                                          std::chrono::hours(30) + std::chrono::nanoseconds(123));
  for (const std::string& given : {f, dir.path()}) {
    ns::WalkResult r = collect_files({given});
    REQUIRE(r.files.size() == 1);
    CHECK(r.files[0].mtime_ns == std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::filesystem::last_write_time(f).time_since_epoch())
                                     .count());
  }
}

TEST_CASE("collect_files: relative paths become absolute and agree with a walk") {
  ns::testing::TempDir dir;
  dir.write("a/b.md", "x");
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path("a"));
  ns::WalkResult direct = collect_files({"b.md", "./b.md", "../a/b.md"});
  std::filesystem::current_path(cwd);
  ns::WalkResult walked = collect_files({dir.path()});
  CHECK(paths(direct) == dir.path("a/b.md"));
  CHECK(paths(walked) == dir.path("a/b.md"));
}

TEST_CASE("collect_files: a file named directly is taken whatever its name") {
  ns::testing::TempDir dir;
  std::string f = dir.write("article.yaml", "x");
  CHECK(paths(collect_files({f})) == f);
}

TEST_CASE("collect_files: a missing path is listed, the rest still walks") {
  ns::testing::TempDir dir;
  std::string f = dir.write("a.md", "x");
  ns::WalkResult r = collect_files({dir.path("nope"), f});
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].given == dir.path("nope"));
  CHECK(r.missing[0].path == dir.path("nope"));
  CHECK(paths(r) == f);
}

TEST_CASE("list_files: links to article files are taken, links to folders not followed") {
  ns::testing::TempDir dir;
  const std::string target = dir.write("elsewhere/t.txt", "xyz");
  dir.write("walked/b/c.md", "x");
  std::filesystem::create_symlink(target, dir.path("walked/link.md"));
  std::filesystem::create_directory_symlink(dir.path("walked/b"), dir.path("walked/folder.md"));
  ns::WalkResult r = ns::list_files({dir.path("walked") + "/"});
  CHECK(r.errors.empty());
  CHECK(paths(r) == dir.path("walked/b/c.md") + "|" + dir.path("walked/link.md"));
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].shown == dir.path("walked") + "/link.md");
  CHECK(r.files[1].size == 0);  // left to stat_file, which follows the link
  CHECK(ns::stat_file(r.files[1]));
  CHECK(r.files[1].size == 3);
}

TEST_CASE("read_path_list: lines or NUL-separated") {
  std::istringstream lines("a.md\r\n\nb c.md\n");
  CHECK(ns::read_path_list(lines, false) == std::vector<std::string>{"a.md", "b c.md"});
  std::istringstream nul(std::string("a\nb.md\0c.md\0", 12));
  CHECK(ns::read_path_list(nul, true) == std::vector<std::string>{"a\nb.md", "c.md"});
}

TEST_CASE("list_files: a root's .nsignore and --exclude leave files and folders out") {
  ns::testing::TempDir dir;
  dir.write("news/a.md", "x");
  dir.write("news/SOURCES.md", "x");
  dir.write("news/drafts/b.md", "x");
  dir.write("news/drafts/keep.md", "x");  // in an excluded folder: never re-included
  dir.write("news/cjk/dev.txt", "x");
  dir.write("news/cjk/sub/dev.txt", "x");
  dir.write("news/.nsignore",
            "# not articles\n/SOURCES.md\ndrafts/\n!drafts/keep.md\n/cjk/*.txt\n");
  ns::WalkResult r = ns::list_files({dir.path("news")});
  CHECK(r.errors.empty());
  CHECK(paths(r) == dir.path("news/a.md") + "|" + dir.path("news/cjk/sub/dev.txt"));
  ns::WalkRules rules;
  rules.excludes = {"sub/", "!SOURCES.md"};  // after the ignore file: they win
  r = ns::list_files({dir.path("news")}, rules);
  CHECK(paths(r) == dir.path("news/SOURCES.md") + "|" + dir.path("news/a.md"));
}

TEST_CASE("list_files: a folder within a root follows the root's .nsignore") {
  ns::testing::TempDir dir;
  dir.write("news/cjk/dev.txt", "x");
  dir.write("news/cjk/a.md", "x");
  dir.write("news/.nsignore", "/cjk/*.txt\n");
  ns::WalkRules rules;
  CHECK(paths(ns::list_files({dir.path("news/cjk")}, rules)) ==
        dir.path("news/cjk/a.md") + "|" + dir.path("news/cjk/dev.txt"));
  rules.roots = {dir.path("news")};
  CHECK(paths(ns::list_files({dir.path("news/cjk")}, rules)) == dir.path("news/cjk/a.md"));
}

TEST_CASE("list_files: an ignore file is never an article, even named directly") {
  ns::testing::TempDir dir;
  const std::string f = dir.write("news/.nsignore", "x\n");
  ns::WalkResult r = ns::list_files({f});
  CHECK(r.files.empty());
  CHECK(r.missing.empty());
  CHECK(r.errors.empty());
}

TEST_CASE("normal_path and lies_within") {
  ns::testing::TempDir dir;
  dir.write("a/b.md", "x");
  std::filesystem::create_directory_symlink(dir.path("a"), dir.path("link"));
  CHECK(ns::normal_path(dir.path("link")) == dir.path("a"));  // a folder: links resolved
  CHECK(ns::normal_path(dir.path("a") + "/./") == dir.path("a"));
  CHECK(ns::normal_path(dir.path("gone/x")) == dir.path("gone/x"));
  CHECK(ns::lies_within("/a/b", "/a"));
  CHECK(ns::lies_within("/a", "/a"));
  CHECK_FALSE(ns::lies_within("/ab", "/a"));
  CHECK_FALSE(ns::lies_within("/a", "/a/b"));
  CHECK(ns::lies_within("/a", "/"));
}
