// Spreads CPU work (reading, parsing, analysing) over the machine's cores;
// Xapian's writes stay on the calling thread (one writer per database).
#pragma once

#include <cstddef>
#include <functional>

#include "common/analyzer.h"

namespace ns {

// Threads to analyse with: the machine's cores (at least 1).
unsigned worker_threads();

// Calls work(i, analyzer) for every i in [0, n) on up to threads threads,
// each with an Analyzer of its own, and returns when all are done. The
// first exception thrown by work is rethrown here (after the others finish).
void parallel_for(std::size_t n, unsigned threads,
                  const std::function<void(std::size_t, Analyzer&)>& work);

}  // namespace ns
