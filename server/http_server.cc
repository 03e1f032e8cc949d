#include "server/http_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "common/errors.h"
#include "server/page_files.h"

namespace ns {
namespace {

// Connections: each holds a thread of cpp-httplib's pool while it is open
// (a browser keeps several open between requests), so there are many of
// those threads, and searches are bounded apart (SearchGate).
constexpr unsigned kConnectionThreads = 64;
constexpr size_t kWaitingConnections = 1024;

// Set while a connection is handled only to be refused: too many waiting.
thread_local bool refusing = false;

// cpp-httplib's task queue, bounded: connections beyond the waiting ones
// are still read (cheaply, on one thread of their own) but answered 503.
class ConnectionPool : public httplib::TaskQueue {
 public:
  ConnectionPool() : idle_(kConnectionThreads) {
    for (unsigned i = 0; i < kConnectionThreads; ++i) workers_.emplace_back([this] { work(false); });
    workers_.emplace_back([this] { work(true); });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // Idle threads take theirs at once; beyond them, some may wait.
      const bool room = jobs_.size() < idle_ + kWaitingConnections;
      (room ? jobs_ : refused_).push_back(std::move(fn));
    }
    ready_.notify_all();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

 private:
  void work(bool refuser) {
    std::deque<std::function<void()>>& queue = refuser ? refused_ : jobs_;
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !queue.empty(); });
        if (queue.empty()) return;  // stopping, nothing left
        if (!refuser) --idle_;
        job = std::move(queue.front());
        queue.pop_front();
      }
      refusing = refuser;
      job();
      refusing = false;
      if (!refuser) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++idle_;
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_, refused_;
  size_t idle_;  // connection threads without a connection
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// At most `slots` searches at once, each on a slot of its own (a database
// handle: Service); at most `waiting` more wait, each for `timeout`
// seconds at most; others are refused (503).
class SearchGate {
 public:
  SearchGate(unsigned slots, unsigned waiting, double timeout) : waiting_(waiting), timeout_(timeout) {
    for (unsigned i = slots; i > 0; --i) free_.push_back(i - 1);
  }

  // The slot a search may run on now (give it back with leave), or -1.
  int enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (free_.empty()) {
      if (queued_ >= waiting_) return -1;
      ++queued_;
      const bool freed = turn_.wait_for(lock, std::chrono::duration<double>(timeout_),
                                        [this] { return !free_.empty(); });
      --queued_;
      if (!freed) return -1;
    }
    const int slot = static_cast<int>(free_.back());
    free_.pop_back();
    return slot;
  }

  void leave(int slot) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.push_back(static_cast<unsigned>(slot));
    }
    turn_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  std::vector<unsigned> free_;
  unsigned queued_ = 0;
  const unsigned waiting_;
  const double timeout_;
};

// The page may run its own script and style only, and fetch only from here.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, reply.type.c_str());
}

void send_busy(httplib::Response& res) {
  res.set_header("Retry-After", "1");
  send(res, error_reply(503, "busy: too many requests waiting; retry in a second"));
}

// Runs answer(slot) on a slot of gate, or answers 503 when it refuses.
template <typename Answer>
void gated(SearchGate& gate, httplib::Response& res, Answer answer) {
  const int slot = gate.enter();
  if (slot < 0) return send_busy(res);
  try {
    send(res, answer(static_cast<unsigned>(slot)));
  } catch (...) {
    gate.leave(slot);
    throw;
  }
  gate.leave(slot);
}

bool is_api_path(const std::string& path) {
  return path == "/healthz" || path == "/api/v1/search" || path == "/api/v1/suggest" ||
         path.rfind("/api/v1/article/", 0) == 0;
}

// Blocks SIGINT and SIGTERM in every thread started from here on; one
// thread waits for them and stops server, once it runs (a signal may come
// before listening starts, when stop would do nothing), unless done is set
// first (the server stopped on its own, or never started).
std::thread stop_on_signal(httplib::Server& server, const std::atomic<bool>& done) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return std::thread([&server, &done, signals] {
    int received = 0;
    sigwait(&signals, &received);
    while (!done && !server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!done) server.stop();
  });
}

void route(httplib::Server& server, const Service& service, const ServeArgs& args,
           SearchGate& gate) {
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!refusing) return httplib::Server::HandlerResponse::Unhandled;
    send_busy(res);
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_post_routing_handler([&args](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    if (is_api_path(req.path)) {
      res.set_header("Cache-Control", "no-store");
      if (!args.cors.empty()) res.set_header("Access-Control-Allow-Origin", args.cors);
    } else {
      res.set_header("Content-Security-Policy", kPagePolicy);
    }
  });
  server.Get("/api/v1/search", [&](const httplib::Request& req, httplib::Response& res) {
    // The feed's own address, for format=atom, as the client asked for it.
    const std::string host = req.get_header_value("Host");
    const std::string self = host.empty() ? "" : "http://" + host + req.target;
    gated(gate, res, [&](unsigned slot) { return service.search(slot, req.params, self); });
  });
  server.Get("/api/v1/suggest", [&](const httplib::Request& req, httplib::Response& res) {
    gated(gate, res, [&](unsigned slot) { return service.suggest(slot, req.params); });
  });
  server.Get(R"(/api/v1/article/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
    gated(gate, res, [&](unsigned slot) { return service.article(slot, req.matches[1]); });
  });
  server.Get("/healthz", [&](const httplib::Request&, httplib::Response& res) {
    gated(gate, res, [&](unsigned slot) { return service.health(slot); });
  });
  server.Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
    const PageFile* file = find_page_file(req.path);
    if (!file) return send(res, error_reply(404, "no such page: " + req.path));
    res.set_content(file->body.data(), file->body.size(), std::string(file->type).c_str());
  });
  // Read-only: any other method is 405 where a GET is served, else 404.
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "OPTIONS") {
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET");
      return;
    }
    if (!is_api_path(req.path) && !find_page_file(req.path)) {
      return send(res, error_reply(404, "no such page: " + req.path));
    }
    res.set_header("Allow", "GET");
    send(res, error_reply(405, req.method + " is not allowed here; use GET"));
  };
  server.Post(R"(/.*)", not_allowed);
  server.Put(R"(/.*)", not_allowed);
  server.Delete(R"(/.*)", not_allowed);
  server.Patch(R"(/.*)", not_allowed);
  server.Options(R"(/.*)", not_allowed);
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr) {
    send(res, error_reply(500, "internal error"));
  });
}

}  // namespace

void serve(const Service& service, const ServeArgs& args) {
  httplib::Server server;
  server.new_task_queue = [] { return new ConnectionPool(); };
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(2);
  server.set_keep_alive_max_count(100);
  server.set_payload_max_length(64 * 1024);
  SearchGate gate(service.slots(), args.queue, args.timeout);
  route(server, service, args, gate);
  std::atomic<bool> done{false};
  std::thread stopper = stop_on_signal(server, done);
  auto end_stopper = [&] {
    done = true;
    pthread_kill(stopper.native_handle(), SIGTERM);  // when no signal came
    stopper.join();
  };
  const int port = args.port == 0 ? server.bind_to_any_port(args.host)
                                  : (server.bind_to_port(args.host, args.port) ? args.port : -1);
  if (port < 0) {
    end_stopper();
    throw Error(args.host + ":" + std::to_string(args.port) +
                ": cannot listen there (address in use, or not this machine's?)");
  }
  const bool v6 = args.host.find(':') != std::string::npos;
  std::cerr << "ns-serve: listening on http://" << (v6 ? "[" + args.host + "]" : args.host) << ':'
            << port << "/ (database " << args.common.db_path() << ")" << std::endl;
  server.listen_after_bind();
  end_stopper();
}

}  // namespace ns
