#include "searcher/prior_table.h"

#include <algorithm>

#include "common/schema.h"

namespace ns {
namespace {

class PriorSource : public Xapian::PostingSource {
 public:
  explicit PriorSource(std::shared_ptr<const PriorTable> table) : table_(std::move(table)) {}

  void init(const Xapian::Database&) override {
    id_ = 0;
    set_maxweight(table_->upper_bound);
  }
  Xapian::doccount get_termfreq_min() const override { return table_->count; }
  Xapian::doccount get_termfreq_est() const override { return table_->count; }
  Xapian::doccount get_termfreq_max() const override { return table_->count; }
  void next(double min_wt) override { move_to(id_ + 1, min_wt); }
  void skip_to(Xapian::docid id, double min_wt) override { move_to(std::max(id, id_), min_wt); }
  bool at_end() const override { return id_ >= table_->priors.size(); }
  Xapian::docid get_docid() const override { return id_; }
  double get_weight() const override { return table_->priors[id_]; }
  Xapian::PostingSource* clone() const override { return new PriorSource(table_); }

 private:
  // The first document with a prior from id on; past the end when none is
  // left or, as in ValuePostingSource, when min_wt is above every prior.
  void move_to(Xapian::docid id, double min_wt) {
    const auto& priors = table_->priors;
    id_ = min_wt > get_maxweight() ? priors.size() : id;
    while (id_ < priors.size() && priors[id_] < 0) ++id_;
  }

  std::shared_ptr<const PriorTable> table_;
  Xapian::docid id_ = 0;
};

}  // namespace

std::shared_ptr<const PriorTable> PriorTable::load(const Xapian::Database& db) {
  if (db.get_lastdocid() > kMaxDocids) return nullptr;
  auto table = std::make_shared<PriorTable>();
  table->priors.assign(db.get_lastdocid() + 1, -1.0);
  const Xapian::valueno slot = schema::kPrior.slot;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    table->priors[it.get_docid()] = Xapian::sortable_unserialise(*it);
    ++table->count;
  }
  table->upper_bound = Xapian::sortable_unserialise(db.get_value_upper_bound(slot));
  return table;
}

std::future<std::shared_ptr<const PriorTable>> PriorTable::load_for(const Xapian::Database& db,
                                                                    const std::string& path) {
  // Any failure leaves the queries with Xapian's source, which reports it.
  auto load_or_null = [](const Xapian::Database& from) -> std::shared_ptr<const PriorTable> {
    try {
      return load(from);
    } catch (const Xapian::Error&) {
      return nullptr;
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
  };
  if (db.get_lastdocid() <= kLoadAtOnce) {
    std::promise<std::shared_ptr<const PriorTable>> now;
    now.set_value(load_or_null(db));
    return now.get_future();
  }
  const Xapian::rev revision = db.get_revision();
  return std::async(std::launch::async, [path, revision, load_or_null] {
    try {
      const Xapian::Database at_path(path);
      // Written since: its articles are not those of the batch's database.
      if (at_path.get_revision() != revision) return std::shared_ptr<const PriorTable>();
      return load_or_null(at_path);
    } catch (const Xapian::Error&) {
      return std::shared_ptr<const PriorTable>();
    }
  });
}

Xapian::PostingSource* prior_source(std::shared_ptr<const PriorTable> table) {
  return (new PriorSource(std::move(table)))->release();
}

}  // namespace ns
