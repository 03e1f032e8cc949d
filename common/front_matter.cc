#include "common/front_matter.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/clean_text.h"
#include "common/datetime.h"
#include "common/errors.h"
#include "common/utf8.h"
#include "common/yaml_syntax.h"

namespace ns {
namespace {

// Where the YAML block starts in the file, to turn yaml-cpp's 0-based marks
// into the file's 1-based lines.
struct Source {
  const std::string& path;
  int first_line;         // file line of the first YAML line
  std::size_t bytes = 0;  // of the YAML text

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) const {
    if (mark.is_null()) throw InputError(path, 0, 0, what);
    throw InputError(path, first_line + mark.line, mark.column + 1, what);
  }
};

const char* kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "a scalar";
  }
}

std::string scalar(const Source& src, const YAML::Node& node, const char* key) {
  if (!node.IsDefined() || node.IsNull()) return {};
  if (!node.IsScalar()) {
    src.fail(node.Mark(), std::string(key) + ": expected text, got " + kind_name(node));
  }
  return node.Scalar();
}

std::string text(const Source& src, const YAML::Node& node, const char* key) {
  return clean_text(scalar(src, node, key));
}

std::optional<int> integer(const Source& src, const YAML::Node& node, const char* key) {
  std::string value = scalar(src, node, key);
  if (value.empty() || value == "~" || value == "null") return std::nullopt;
  int result = 0;
  const char* begin = value.data();
  const char* end = begin + value.size();
  if (*begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, result);
  if (ec != std::errc() || ptr != end) {
    src.fail(node.Mark(),
             std::string(key) + ": expected an integer, got \"" + value.substr(0, 40) + "\"");
  }
  return result;
}

std::optional<bool> boolean(const Source& src, const YAML::Node& node, const char* key) {
  std::string value = scalar(src, node, key);
  if (value.empty() || value == "~" || value == "null") return std::nullopt;
  for (const char* yes : {"true", "True", "TRUE", "yes", "Yes", "YES"}) {
    if (value == yes) return true;
  }
  for (const char* no : {"false", "False", "FALSE", "no", "No", "NO"}) {
    if (value == no) return false;
  }
  src.fail(node.Mark(),
           std::string(key) + ": expected true or false, got \"" + value.substr(0, 40) + "\"");
}

std::optional<std::int64_t> timestamp(const Source& src, const YAML::Node& node, const char* key) {
  std::string value = scalar(src, node, key);
  if (value.empty()) return std::nullopt;
  auto seconds = parse_iso8601(value);
  if (!seconds) {
    src.fail(node.Mark(), std::string(key) +
                              ": expected an ISO 8601 date such as 2021-12-14T03:22:00Z, got \"" +
                              value.substr(0, 40) + "\"");
  }
  if (*seconds < kEarliestDate || *seconds > kLatestDate) {
    src.fail(node.Mark(), std::string(key) + ": \"" + value.substr(0, 40) +
                              "\" is outside the years 1000 to 9999 (UTC) that ns stores");
  }
  return seconds;
}

// A list of strings; a lone scalar is read as a list of one.
std::vector<std::string> strings(const Source& src, const YAML::Node& node, const char* key) {
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (node.IsScalar()) {
    out.push_back(clean_text(node.Scalar()));
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      std::string value = text(src, item, key);
      if (!value.empty()) out.push_back(std::move(value));
    }
  } else {
    src.fail(node.Mark(), std::string(key) + ": expected a list, got " + kind_name(node));
  }
  return out;
}

void require_map(const Source& src, const YAML::Node& node, const char* key) {
  if (node.IsDefined() && !node.IsNull() && !node.IsMap()) {
    src.fail(node.Mark(), std::string(key) + ": expected a mapping, got " + kind_name(node));
  }
}

// The entries of a list of mappings; an absent or null list has none.
std::vector<YAML::Node> mappings(const Source& src, const YAML::Node& node, const char* key) {
  std::vector<YAML::Node> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsSequence()) {
    src.fail(node.Mark(), std::string(key) + ": expected a list, got " + kind_name(node));
  }
  for (const auto& item : node) {
    require_map(src, item, key);
    if (item.IsMap()) out.push_back(item);
  }
  return out;
}

std::vector<Image> images(const Source& src, const YAML::Node& node) {
  std::vector<Image> out;
  for (const YAML::Node& item : mappings(src, node, "images")) {
    Image image{scalar(src, item["url"], "images.url"), integer(src, item["width"], "images.width"),
                integer(src, item["height"], "images.height")};
    if (!image.url.empty()) out.push_back(std::move(image));
  }
  return out;
}

Article read_entry(const Source& src, const YAML::Node& node, bool is_related);

// The entries of a related list; those without a title (nothing to show
// or search for) are left out, each noted in left_out.
std::vector<Article> related(const Source& src, const YAML::Node& node,
                             std::vector<InputError>& left_out) {
  std::vector<Article> out;
  for (const YAML::Node& item : mappings(src, node, "related")) {
    Article entry = read_entry(src, item, true);
    if (!entry.title.empty()) {
      out.push_back(std::move(entry));
      continue;
    }
    const YAML::Mark mark = item.Mark();
    left_out.emplace_back(src.path, mark.is_null() ? 0 : src.first_line + mark.line,
                          mark.is_null() ? 0 : mark.column + 1,
                          "related entry " + std::to_string(out.size() + left_out.size() + 1) +
                              " has no title: left out (the rest of the file is indexed)");
  }
  return out;
}

Article read_entry(const Source& src, const YAML::Node& node, bool is_related) {
  Article a;
  a.title = text(src, node["title"], "title");
  a.excerpt = text(src, node["excerpt"], "excerpt");
  a.published_at = timestamp(src, node["publishedDateTime"], "publishedDateTime");
  a.web_url = scalar(src, node["webUrl"], "webUrl");
  a.original_url = scalar(src, node["originalUrl"], "originalUrl");
  a.amp_web_url = scalar(src, node["ampWebUrl"], "ampWebUrl");
  a.cdn_amp_web_url = scalar(src, node["cdnAmpWebUrl"], "cdnAmpWebUrl");
  a.category = text(src, node["category"], "category");
  a.type = text(src, node["type"], "type");
  a.quality = integer(src, node["quality"], "quality");
  if (a.quality && (*a.quality < kMinQuality || *a.quality > kMaxQuality)) {
    src.fail(node["quality"].Mark(),
             "quality: " + std::to_string(*a.quality) + " is outside the range ns stores, " +
                 std::to_string(kMinQuality) + " to " + std::to_string(kMaxQuality));
  }
  a.heat = integer(src, node["heat"], "heat");
  a.published = boolean(src, node["published"], "published");
  const YAML::Node provider = node["provider"];
  require_map(src, provider, "provider");
  if (provider.IsDefined() && provider.IsMap()) {
    a.provider.name = text(src, provider["name"], "provider.name");
    a.provider.domain = text(src, provider["domain"], "provider.domain");
  }
  a.topics = strings(src, node["topics"], "topics");
  a.tags = strings(src, node["tags"], "tags");
  a.images = images(src, node["images"]);
  a.featured_content = scalar(src, node["featuredContent"], "featuredContent");
  if (!is_related) a.related = related(src, node["related"], a.left_out);
  return a;
}

// Real front matter has a few hundred nodes, nested four deep; aliases can
// make a short file expand to billions ("billion laughs"), and an alias
// inside its own anchor ("a: &a [*a]") nests without end. Counting stops at
// either limit.
constexpr int kMaxYamlNodes = 100000;
constexpr int kMaxYamlDepth = 32;

void count_nodes(const Source& src, const YAML::Node& node, int& count, int depth = 0) {
  if (++count > kMaxYamlNodes) {
    // Written out, each value takes two bytes at least: more values than
    // that were repeated by aliases.
    const bool aliased = src.bytes < 2 * static_cast<std::size_t>(kMaxYamlNodes);
    src.fail(node.Mark(), "YAML: the front matter " +
                              std::string(aliased ? "expands by its aliases to" : "holds") +
                              " more than " + std::to_string(kMaxYamlNodes) + " values" +
                              (aliased ? " (an alias bomb?)" : "") +
                              "; ns reads at most that many (real front matter has a few "
                              "hundred)");
  }
  if (depth > kMaxYamlDepth) {
    src.fail(node.Mark(), "YAML: the front matter nests more than " +
                              std::to_string(kMaxYamlDepth) +
                              " levels deep (an alias inside its own anchor?); ns reads plain "
                              "fields");
  }
  if (node.IsSequence()) {
    for (const auto& item : node) count_nodes(src, item, count, depth + 1);
  } else if (node.IsMap()) {
    for (const auto& item : node) {
      count_nodes(src, item.first, count, depth + 1);
      count_nodes(src, item.second, count, depth + 1);
    }
  }
}

// What kind of file a mode names, for refusing one that is not regular.
const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

// Cuts text to at most budget bytes (after a space when one is near,
// else between two characters), takes what it keeps from budget and adds
// what it cut to cut.
void cut_to(std::string& text, std::size_t& budget, std::size_t& cut) {
  if (text.size() <= budget) {
    budget -= text.size();
    return;
  }
  std::size_t keep = budget;
  const std::size_t space = text.rfind(' ', keep);
  if (space != std::string::npos && keep - space < 256) {
    keep = space;
  } else {
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  }
  cut += text.size() - keep;
  text.resize(keep);
  budget = 0;
}

void cut_text(Article& article) {
  std::size_t budget = kMaxTextBytesPerFile;
  cut_to(article.title, budget, article.cut_bytes);
  cut_to(article.excerpt, budget, article.cut_bytes);
  for (Article& entry : article.related) {
    cut_to(entry.title, budget, article.cut_bytes);
    cut_to(entry.excerpt, budget, article.cut_bytes);
  }
}

}  // namespace

std::string front_matter_yaml(std::string_view contents, const std::string& path, int& first_line) {
  if (contents.size() >= 3 && contents.substr(0, 3) == "\xEF\xBB\xBF") contents.remove_prefix(3);
  std::string text;
  text.reserve(contents.size());
  for (char c : contents) {
    if (c != '\r') text += c;
  }
  size_t pos = 0;
  int line = 1;
  // Leading blank lines before the opening "---" are tolerated.
  while (pos < text.size() && text[pos] == '\n') ++pos, ++line;
  auto line_at = [&](size_t at) {
    size_t end = text.find('\n', at);
    return std::string_view(text).substr(at,
                                         end == std::string::npos ? std::string::npos : end - at);
  };
  auto is_fence = [](std::string_view l) {
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    return l == "---";
  };
  if (pos >= text.size() || !is_fence(line_at(pos))) {
    throw InputError(path, line, 1, "no front matter: the file must start with a \"---\" line");
  }
  const int open_line = line;
  pos = text.find('\n', pos);
  first_line = ++line;
  size_t start = pos == std::string::npos ? text.size() : pos + 1;
  for (size_t at = start; at < text.size();) {
    if (is_fence(line_at(at))) return text.substr(start, at - start);
    size_t end = text.find('\n', at);
    if (end == std::string::npos) break;
    at = end + 1;
    ++line;
  }
  throw InputError(path, open_line, 1,
                   "front matter is not closed: add a \"---\" line after the last field");
}

Article parse_article(std::string_view contents, const std::string& path) {
  if (contents.empty()) throw InputError(path, 0, 0, "empty file");
  if (contents.find('\0') != std::string_view::npos) {
    throw InputError(path, 0, 0, "binary file (contains NUL bytes), not an article");
  }
  if (size_t bad = utf8::find_invalid(contents); bad != std::string_view::npos) {
    size_t line_start = contents.rfind('\n', bad == 0 ? 0 : bad - 1);
    line_start = line_start == std::string_view::npos || bad == 0 ? 0 : line_start + 1;
    int line = 1;
    for (size_t i = 0; i < line_start; ++i) line += contents[i] == '\n';
    throw InputError(path, line, static_cast<int>(bad - line_start) + 1,
                     "invalid UTF-8: the file must be saved as UTF-8");
  }
  int first_line = 1;
  std::string yaml = front_matter_yaml(contents, path, first_line);
  Source src{path, first_line, yaml.size()};
  if (const std::optional<YamlFault> fault = yaml_fault(yaml, first_line)) {
    throw InputError(path, fault->line, fault->column, fault->what);
  }
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    // yaml-cpp's one word for nesting past its depth limit.
    if (e.msg == "bad file") {
      src.fail(e.mark,
               "YAML: lists or mappings nested too deep here for the YAML reader; ns "
               "reads front matter nested at most " +
                   std::to_string(kMaxYamlDepth) + " levels");
    }
    src.fail(e.mark, "YAML: " + e.msg);
  }
  if (!root.IsMap()) {
    // "title:hi" is one scalar: YAML wants a space after a key's colon.
    const bool no_space = root.IsScalar() && root.Scalar().find(':') != std::string::npos;
    throw InputError(path, first_line, 1,
                     std::string("front matter must be a mapping of fields, got ") +
                         kind_name(root) +
                         (no_space ? "; a key needs a space after its ':' (title: value)" : ""));
  }
  try {
    int nodes = 0;
    count_nodes(src, root, nodes);
    Article article = read_entry(src, root, false);
    if (article.title.empty()) {
      throw InputError(path, first_line, 1, "no title: every article needs a \"title:\" field");
    }
    cut_text(article);
    return article;
  } catch (const YAML::Exception& e) {
    src.fail(e.mark, "YAML: " + e.msg);
  }
}

Article read_article_file(const std::string& path, const std::string& shown) {
  const std::string& name = shown.empty() ? path : shown;
  // O_NONBLOCK: opening a FIFO must not wait for a writer (a blocked open()
  // ignores SIGINT); what is not a regular file is refused below, unread.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw InputError(name, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    throw InputError(name, 0, 0, std::string("cannot read: ") + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    throw InputError(name, 0, 0,
                     std::string("not a regular file (") + file_kind(st.st_mode) +
                         "); ns reads article files only");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > kMaxArticleFileBytes) {
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.1f", static_cast<double>(size) / (1024 * 1024));
    throw InputError(
        name, 0, 0,
        std::string("file is ") + mb + " MB, over the 10 MB limit for one article file");
  }
  // One byte more than the size: a file that grew meanwhile is cut at the
  // limit, not read without end.
  std::string contents(std::min(size + 1, kMaxArticleFileBytes + 1), '\0');
  std::size_t got = 0;
  while (got < contents.size()) {
    const ssize_t n = ::read(fd, contents.data() + got, contents.size() - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(name, 0, 0, std::string("cannot read: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  if (got > kMaxArticleFileBytes) {
    throw InputError(name, 0, 0, "file grew over the 10 MB limit for one article file");
  }
  contents.resize(got);
  return parse_article(contents, name);
}

}  // namespace ns
