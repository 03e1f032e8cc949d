#include "searcher/prior_table.h"

#include <algorithm>
#include <chrono>

#include "common/schema.h"

namespace ns {
namespace {

class PriorSource : public Xapian::PostingSource {
 public:
  explicit PriorSource(std::shared_ptr<const PriorTable> table) : table_(std::move(table)) {}

  void init(const Xapian::Database& db) override {
    id_ = 0;
    if (!table_->is_of(db)) {
      slot_ = std::make_unique<Xapian::ValueWeightPostingSource>(schema::kPrior.slot);
      slot_->init(db);
      set_maxweight(slot_->get_maxweight());
      return;
    }
    slot_.reset();
    set_maxweight(table_->upper_bound);
  }
  Xapian::doccount get_termfreq_min() const override {
    return slot_ ? slot_->get_termfreq_min() : table_->count;
  }
  Xapian::doccount get_termfreq_est() const override {
    return slot_ ? slot_->get_termfreq_est() : table_->count;
  }
  Xapian::doccount get_termfreq_max() const override {
    return slot_ ? slot_->get_termfreq_max() : table_->count;
  }
  void next(double min_wt) override {
    if (slot_) return slot_->next(min_wt);
    move_to(id_ + 1, min_wt);
  }
  void skip_to(Xapian::docid id, double min_wt) override {
    if (slot_) return slot_->skip_to(id, min_wt);
    move_to(std::max(id, id_), min_wt);
  }
  bool check(Xapian::docid id, double min_wt) override {
    return slot_ ? slot_->check(id, min_wt) : PostingSource::check(id, min_wt);
  }
  bool at_end() const override { return slot_ ? slot_->at_end() : id_ >= table_->priors.size(); }
  Xapian::docid get_docid() const override { return slot_ ? slot_->get_docid() : id_; }
  double get_weight() const override {
    return slot_ ? slot_->get_weight() : table_->priors[id_];
  }
  Xapian::PostingSource* clone() const override { return new PriorSource(table_); }
  // As Xapian's source describes itself: --explain shows the same query
  // either way.
  std::string get_description() const override {
    return Xapian::ValueWeightPostingSource(schema::kPrior.slot).get_description();
  }

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
  std::unique_ptr<Xapian::ValueWeightPostingSource> slot_;  // another revision's match
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
  table->uuid = db.get_uuid();
  table->revision = db.get_revision();
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

std::shared_ptr<const PriorTable> PriorCache::get(const Xapian::Database& db) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const Xapian::rev revision = db.get_revision();
  const std::string uuid = db.get_uuid();
  // A newer revision, or a database rebuilt and swapped in (ns-serve opens
  // it anew, its revisions counted from 1): its own table.
  if (!table_.valid() || revision > revision_ || uuid != uuid_) {
    table_ = PriorTable::load_for(db, path_).share();
    uuid_ = uuid;
    revision_ = revision;
  }
  if (uuid != uuid_ || revision != revision_ ||
      table_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return nullptr;
  }
  return table_.get();
}

Xapian::PostingSource* prior_source(std::shared_ptr<const PriorTable> table) {
  return (new PriorSource(std::move(table)))->release();
}

}  // namespace ns
