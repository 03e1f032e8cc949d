#include "common/ranking.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

TEST_CASE("quality_prior: saturating, half at the median, missing is neutral") {
  using ns::ranking::quality_prior;
  CHECK(quality_prior(0) == 0.0);
  CHECK(quality_prior(65) == doctest::Approx(0.5));
  CHECK(quality_prior(std::nullopt) == quality_prior(65));
  CHECK(quality_prior(-1) == 0.0);
  CHECK(quality_prior(10) < quality_prior(39));
  CHECK(quality_prior(39) < quality_prior(87));
  CHECK(quality_prior(213) < ns::ranking::kQualityWeight);
  // Saturating: the step from 100 to 200 is smaller than from 0 to 100.
  CHECK(quality_prior(200) - quality_prior(100) < quality_prior(100) - quality_prior(0));
}

TEST_CASE("prior_value: quality in 1/256 steps, the story head, a tie-break of the id") {
  using ns::ranking::kTieRange;
  using ns::ranking::prior_value;
  using ns::ranking::quality_prior;
  struct Row {
    std::optional<int> quality;
    std::string_view kind;
    double head;
  };
  const Row rows[] = {{0, ns::schema::kKindRelated, 0.0},
                      {65, ns::schema::kKindFile, 1.0},
                      {std::nullopt, ns::schema::kKindRelated, 0.0},
                      {213, ns::schema::kKindFile, 1.0},
                      {39, ns::schema::kKindRelated, 0.0}};
  for (const Row& row : rows) {
    CAPTURE(row.quality.value_or(-1));
    const double value = prior_value(row.quality, row.kind, "/a/b.md");
    const double quality = value - row.head;
    CHECK(quality >= quality_prior(row.quality) - 1.0 / 512);
    CHECK(quality < quality_prior(row.quality) + 1.0 / 512 + kTieRange);
    // The tie-break is all that is left below the quality's step.
    const double tie = quality - std::floor(quality * 256) / 256;
    CHECK(tie >= 0);
    CHECK(tie < kTieRange);
    // Short when serialised: Xapian reads it for every match.
    CHECK(Xapian::sortable_serialise(value).size() <= 7);
  }
  // Deterministic, and different ids of equal quality and kind differ.
  CHECK(prior_value(50, "file", "/a/b.md") == prior_value(50, "file", "/a/b.md"));
  // Not where the collection lives: a path's folder and name, to the
  // 2^-32 step; within it the whole path orders copies of one file.
  auto step = [](double v) { return std::floor(v * 4294967296.0); };
  CHECK(step(prior_value(50, "file", "/home/me/ns/data/cjk/a.md")) ==
        step(prior_value(50, "file", "/tmp/x/data/cjk/a.md")));
  CHECK(step(prior_value(50, "related", "/home/me/data/cjk/a.md#related-2")) ==
        step(prior_value(50, "related", "/tmp/data/cjk/a.md#related-2")));
  CHECK(prior_value(50, "file", "/tmp/data/cjk/a.md") !=
        prior_value(50, "file", "/tmp/data/news/a.md"));
  // Copies of a file in two folders of one collection differ, however
  // deep below the folders that tell them apart.
  CHECK(prior_value(50, "file", "/tmp/one/news/a.md") !=
        prior_value(50, "file", "/tmp/two/news/a.md"));
  CHECK(prior_value(50, "file", "/tmp/one/news/seeds/a.md") !=
        prior_value(50, "file", "/tmp/two/news/seeds/a.md"));
  std::set<double> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(prior_value(50, "file", "/a/" + std::to_string(i)));
  CHECK(seen.size() == 1000);
}
