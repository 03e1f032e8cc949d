#include "server/http_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

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

using Clock = std::chrono::steady_clock;

// Set while a connection is handled only to be refused: the queue was full,
// or the request waited longer than the time limit.
thread_local bool refusing = false;

// cpp-httplib's task queue, bounded: connections beyond `waiting` queued
// ones, or that waited past the time limit, are still read (cheaply, on
// one thread of their own) but answered 503 with Retry-After.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(unsigned threads, unsigned waiting, double timeout)
      : waiting_(waiting), timeout_(timeout), idle_(threads) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(false); });
    workers_.emplace_back([this] { work(true); });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // Idle threads take theirs at once; beyond them, waiting_ may wait.
      const bool room = jobs_.size() < idle_ + waiting_;
      (room ? jobs_ : refused_).push_back({std::move(fn), Clock::now()});
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
  struct Job {
    std::function<void()> fn;
    Clock::time_point queued;
  };

  void work(bool refuser) {
    std::deque<Job>& queue = refuser ? refused_ : jobs_;
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !queue.empty(); });
        if (queue.empty()) return;  // stopping, nothing left
        if (!refuser) --idle_;
        job = std::move(queue.front());
        queue.pop_front();
      }
      const std::chrono::duration<double> waited = Clock::now() - job.queued;
      refusing = refuser || waited.count() > timeout_;
      job.fn();
      refusing = false;
      if (!refuser) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++idle_;
      }
    }
  }

  const size_t waiting_;
  const double timeout_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_, refused_;
  size_t idle_;  // searching threads without a job
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// The page may run its own script and style only, and fetch only from here.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, reply.type.c_str());
}

bool is_api_path(const std::string& path) {
  return path == "/healthz" || path == "/api/v1/search" || path == "/api/v1/suggest" ||
         path.rfind("/api/v1/article/", 0) == 0;
}

// Blocks SIGINT and SIGTERM in every thread started from here on; one
// thread waits for them and stops server.
std::thread stop_on_signal(httplib::Server& server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
}

void route(httplib::Server& server, const Service& service, const ServeArgs& args) {
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!refusing) return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("Retry-After", "1");
    send(res, error_reply(503, "busy: too many requests waiting; retry in a second"));
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
  server.Get("/api/v1/search", [&service](const httplib::Request& req, httplib::Response& res) {
    send(res, service.search(req.params));
  });
  server.Get("/api/v1/suggest", [&service](const httplib::Request& req, httplib::Response& res) {
    send(res, service.suggest(req.params));
  });
  server.Get(R"(/api/v1/article/(.+))", [&service](const httplib::Request& req,
                                                    httplib::Response& res) {
    send(res, service.article(req.matches[1]));
  });
  server.Get("/healthz", [&service](const httplib::Request&, httplib::Response& res) {
    send(res, service.health());
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
  server.new_task_queue = [&args] {
    return new BoundedPool(args.threads, args.queue, args.timeout);
  };
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(5);
  server.set_payload_max_length(64 * 1024);
  route(server, service, args);
  std::thread stopper = stop_on_signal(server);
  const int port = args.port == 0 ? server.bind_to_any_port(args.host)
                                  : (server.bind_to_port(args.host, args.port) ? args.port : -1);
  if (port < 0) {
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    throw Error(args.host + ":" + std::to_string(args.port) +
                ": cannot listen there (address in use, or not this machine's?)");
  }
  const bool v6 = args.host.find(':') != std::string::npos;
  std::cerr << "ns-serve: listening on http://" << (v6 ? "[" + args.host + "]" : args.host) << ':'
            << port << "/ (database " << args.common.db_path() << ")" << std::endl;
  server.listen_after_bind();
  pthread_kill(stopper.native_handle(), SIGTERM);  // when it stopped for another reason
  stopper.join();
}

}  // namespace ns
