// Typed errors shared by every module; each main() catches ns::Error once.
#pragma once

#include <stdexcept>
#include <string>

namespace ns {

// Base of every error ns reports to the user. what() is the message without
// the program name: "where: what", ready to be prefixed with "prog: ".
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bad command line: unknown option, bad value, missing argument.
class UsageError : public Error {
 public:
  using Error::Error;
};

// A database that cannot be opened, read or written.
class DatabaseError : public Error {
 public:
  using Error::Error;
};

// The database at path is locked by another writer.
class DatabaseLockedError : public DatabaseError {
 public:
  explicit DatabaseLockedError(const std::string& path)
      : DatabaseError(path +
                      ": locked by another ns-index; wait for it to finish, or run with --wait") {}
};

// The program was asked to stop (SIGINT, SIGTERM) while it waited, before
// it wrote anything; main exits with 128 + signal().
class Stopped : public Error {
 public:
  Stopped(const std::string& message, int signal) : Error(message), signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

// A query string that cannot be read.
class QueryError : public Error {
 public:
  using Error::Error;
};

// Text analysis failed (an ICU call returned an error code).
class AnalyzerError : public Error {
 public:
  using Error::Error;
};

// One article file cannot be read. Line and column are 1-based; 0 means
// unknown. what() is "path:line:col: message" (or "path: message").
class InputError : public Error {
 public:
  InputError(const std::string& path, int line, int column, const std::string& message);

  const std::string& path() const { return path_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::string path_;
  int line_;
  int column_;
  std::string message_;
};

}  // namespace ns
