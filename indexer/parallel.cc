#include "indexer/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ns {

unsigned worker_threads() { if (const char* t = std::getenv("NS_THREADS")) return std::atoi(t); return std::max(1u, std::thread::hardware_concurrency()); }

void parallel_for(std::size_t n, unsigned threads,
                  const std::function<void(std::size_t, Analyzer&)>& work) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&] {
    try {
      Analyzer analyzer;
      for (std::size_t i = next++; i < n; i = next++) work(i, analyzer);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = n;  // the others stop at their next item
    }
  };
  const std::size_t count = std::min<std::size_t>(std::max(1u, threads), n);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < count; ++t) pool.emplace_back(run);
  if (count > 0) run();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace ns
