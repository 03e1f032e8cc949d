#include "indexer/events.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/schema.h"
#include "indexer/cluster.h"

namespace {

constexpr std::int64_t kMay7 = 1588809600;  // 2020-05-07T00:00:00Z

ns::Article article(const std::string& title, const std::string& excerpt,
                    std::int64_t at = kMay7) {
  ns::Article a;
  a.title = title;
  a.excerpt = excerpt;
  a.published_at = at;
  return a;
}

Xapian::Document document(const ns::Article& a) {
  static ns::Analyzer analyzer;
  Xapian::Document doc;
  ns::add_event_links(doc, a, analyzer);
  return doc;
}

std::set<std::string> event_terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  const std::string prefix(ns::schema::kEvent.prefix);
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).compare(0, prefix.size(), prefix) == 0) out.insert(*t);
  }
  return out;
}

bool shares_a_term(const Xapian::Document& a, const Xapian::Document& b) {
  for (const std::string& t : event_terms(a)) {
    if (event_terms(b).count(t)) return true;
  }
  return false;
}

// Whether the indexer would link the two: a shared band term, then
// same_event over their sketches.
bool linked(const ns::Article& a, const ns::Article& b) {
  const Xapian::Document x = document(a), y = document(b);
  const Xapian::valueno slot = ns::schema::kEventSketch.slot;
  return shares_a_term(x, y) && ns::same_event(x.get_value(slot), y.get_value(slot));
}

const std::string kModerna =
    "The biotech company said it expects the mid-stage trial of its experimental vaccine "
    "against the new coronavirus to begin shortly, after U.S. regulators cleared it.";

}  // namespace

TEST_CASE("events: wire labels, number formats and outlet names do not part one event") {
  CHECK(linked(article("UPDATE 1-Moderna expects mid-stage trials for COVID-19 vaccine", kModerna),
               article("Moderna expects mid-stage trials for COVID-19 vaccine", kModerna)));
  CHECK(linked(article("REFILE-EXCLUSIVE-Airline gets $565 million loan from state bank",
                       "The carrier will get a $565 million loan, people familiar said."),
               article("Airline gets $565 mln loan from state bank",
                       "The carrier will get a $565 mln loan, people familiar said.")));
  CHECK(linked(article("Airline gets 565m loan from state bank", "The carrier gets a loan."),
               article("Airline gets $565 million loan from state bank",
                       "The carrier gets a loan.")));
  // A word in front that another title has after it is no template.
  CHECK(linked(article("Coronavirus: Nova Scotia reports 3 more deaths at Northwood, 9 new cases",
                       "Nova Scotia reported three more deaths and nine new cases on Thursday."),
               article("Nova Scotia reports 3 more deaths at Northwood, 9 new cases",
                       "Nova Scotia reported three more deaths and nine new cases on Thursday.")));
  CHECK(linked(article("Nova Scotia reports three more deaths, nine new cases | Local News",
                       "Nova Scotia reported three more deaths and nine new cases on Thursday."),
               article("Nova Scotia reports 3 more deaths, 9 new cases",
                       "Nova Scotia reported three more deaths and nine new cases on Thursday.")));
}

TEST_CASE("events: other figures, days or text are other events") {
  // The same report of another day: the figures differ.
  CHECK_FALSE(linked(article("Iowa reporting 655 new COVID-19 cases, 12 additional deaths",
                             "The state reported 655 new cases and 12 deaths on Friday."),
                     article("Iowa reporting 398 new COVID-19 cases, 12 additional deaths",
                             "The state reported 398 new cases and 12 deaths on Friday.")));
  // One title four days apart.
  const ns::Article first = article("Moderna expects mid-stage trials for vaccine", kModerna);
  CHECK_FALSE(linked(first, article("Moderna expects mid-stage trials for vaccine", kModerna,
                                    kMay7 + 4 * 86400)));
  CHECK(linked(first, article("Moderna expects mid-stage trials for vaccine", kModerna,
                              kMay7 + 3 * 86400 - 1)));
  // One template, other words in front.
  CHECK_FALSE(linked(article("Acetone Market Size Analysis Forecast by Global Technology 2027",
                             "Market research report on the industry, forecast to 2027."),
                     article("AI Chipsets Market Size Analysis Forecast by Global Technology 2027",
                             "Market research report on the industry, forecast to 2027.")));
  CHECK_FALSE(linked(article("Exelon Reports First Quarter 2020 Results", "Results for the quarter."),
                     article("ON Semiconductor Reports First Quarter 2020 Results",
                             "Results for the quarter.")));
  CHECK_FALSE(linked(
      article("Global Asia-Pacific Cybersecurity Market Size, Covid-19 Impact Analysis",
              "Market research report on the industry, forecast to 2027."),
      article("Global Distributed Control Systems Market Size, Covid-19 Impact Analysis",
              "Market research report on the industry, forecast to 2027.")));
  // Another day's live updates.
  CHECK_FALSE(linked(
      article("Coronavirus live updates: Here's what to know in North Carolina on May 7",
              "Here is the latest on the coronavirus in North Carolina."),
      article("Coronavirus live updates: Here's what to know in North Carolina on May 9",
              "Here is the latest on the coronavirus in North Carolina.", kMay7 + 2 * 86400)));
  // A small figure shared by chance in another place.
  CHECK_FALSE(linked(article("Six New COVID-19 Deaths Reported in North Dakota",
                             "North Dakota health officials reported six new deaths."),
                     article("Six more reported deaths of COVID-19 in Oregon",
                             "The Oregon Health Authority reported six more deaths.")));
  // Boilerplate under other titles.
  const std::string boilerplate = "Click here to read the full story and more news of the day.";
  CHECK_FALSE(linked(article("Mayor closes city parks for the weekend", boilerplate),
                     article("School board approves budget for next year", boilerplate)));
}

TEST_CASE("events: CJK titles are compared by their words") {
  CHECK(linked(article("商汤科技推迟香港上市计划", "商汤科技周一表示推迟在香港的首次公开募股。"),
               article("商汤科技推迟香港上市计划 | 新浪财经", "商汤科技周一表示推迟在香港的首次公开募股。")));
  CHECK_FALSE(linked(article("商汤科技推迟香港上市计划", "商汤科技周一表示推迟在香港的首次公开募股。"),
                     article("阿里巴巴发布季度财报", "阿里巴巴周四公布了季度业绩，营收增长。")));
}

TEST_CASE("events: a sentence in another script than the title's changes no sketch") {
  const Xapian::valueno slot = ns::schema::kEventSketch.slot;
  CHECK(document(article("Moderna expects mid-stage trials", kModerna)).get_value(slot) ==
        document(article("Moderna expects mid-stage trials", kModerna + " 商汤科技推迟上市。"))
            .get_value(slot));
  CHECK(document(article("商汤科技推迟香港上市计划", "")).get_value(slot) ==
        document(article("商汤科技推迟香港上市计划", "SenseTime delays its IPO.")).get_value(slot));
}

TEST_CASE("events: no date or no title words, no sketch and no terms") {
  ns::Article undated = article("Moderna expects mid-stage trials", kModerna);
  undated.published_at.reset();
  CHECK(document(undated).termlist_count() == 0);
  CHECK(document(article("", kModerna)).termlist_count() == 0);
  CHECK_FALSE(ns::same_event("", ""));
  CHECK_FALSE(ns::same_event("short", "short"));
}

// Regression: one Xapian::Stem shared by ns-index's preparing threads
// failed kill_test with "stemming exception!" (and once a SIGSEGV).
TEST_CASE("event links: the same terms and sketch from several threads at once") {
  std::vector<ns::Article> articles;
  for (int i = 0; i < 200; ++i) {
    articles.push_back(article("Moderna expects trials number " + std::to_string(i) +
                                   " for its running vaccines to begin shortly",
                               kModerna + " Stated " + std::to_string(i) + " times."));
  }
  auto terms_of = [&](std::vector<std::string>& out) {
    ns::Analyzer analyzer;  // one a thread, as ns-index's
    for (const ns::Article& a : articles) {
      Xapian::Document doc;
      ns::add_event_links(doc, a, analyzer);
      std::string all = doc.get_value(ns::schema::kEventSketch.slot);
      for (const std::string& t : event_terms(doc)) all += "|" + t;
      out.push_back(all);
    }
  };
  std::vector<std::string> alone;
  terms_of(alone);
  std::vector<std::vector<std::string>> each(4);
  for (int round = 0; round < 5; ++round) {
    std::vector<std::thread> threads;
    for (auto& out : each) {
      out.clear();
      threads.emplace_back(terms_of, std::ref(out));
    }
    for (std::thread& t : threads) t.join();
    for (const auto& out : each) CHECK(out == alone);
  }
}
