#include "panhuo/core/text.hpp"

#include <cstdio>
#include <regex>

namespace panhuo {
namespace {

// Length of the white space character starting at s[i] (0 when none).
size_t SpaceAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;
  return 0;
}

// Length of the white space character ending at s[end - 1] (0 when none).
size_t SpaceBefore(std::string_view s, size_t end) {
  for (size_t len : {size_t{1}, size_t{2}, size_t{3}})
    if (end >= len && SpaceAt(s, end - len) == len) return len;
  return 0;
}

}  // namespace

std::string TrimWhiteSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    const size_t n = SpaceAt(s, b);
    if (!n) break;
    b += n;
  }
  while (e > b) {
    const size_t n = SpaceBefore(s, e);
    if (!n) break;
    e -= n;
  }
  return std::string(s.substr(b, e - b));
}

std::string AsciiLower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string SqlIdentifier(std::string_view name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string MaskPassword(const std::string& conn) {
  // key=value (libpq and GDAL's PG: strings; a quoted value may hold spaces and \'), and a URI's
  // user:password@ (postgresql://, postgres://, and any other scheme written that way)
  static const std::regex pw(R"(((?:password|pwd|passwd)\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s'"]+))", std::regex::icase);
  static const std::regex uri(R"(([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]*@)", std::regex::icase);
  std::string out = std::regex_replace(conn, pw, "$1***");
  out = std::regex_replace(out, uri, "$1:***@");
  for (char& c : out)
    if (c == '\n') c = ' ';  // libpq's messages come in several lines
  return out;
}

size_t DisplayColumns(std::string_view text) {
  size_t cols = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cols += len >= 3 ? 2 : 1;
    i += len;
  }
  return cols;
}

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace panhuo
