// The HTML report as one self-contained file: Leaflet and Chart.js inlined from the system's
// JavaScript folder (their licence notices kept), the page's own script and style, the payload
// as JSON. Written to "<path>.partial" and renamed when complete.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/staged_outputs.hpp"
#include "report_assets.hpp"
#include "report_data.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

struct Asset {
  const char* file;     // under the JavaScript folder
  const char* package;  // the Debian package that installs it
};
const Asset kLeafletJs{"leaflet/leaflet.min.js", "libjs-leaflet"};
const Asset kLeafletCss{"leaflet/leaflet.css", "libjs-leaflet"};
const Asset kChartJs{"chart.js/chart.min.js", "libjs-chart.js"};

// Leaflet's minified file comes without its notice; this is the one at the top of leaflet.js.
const char* kLeafletNotice =
    "/* @preserve\n * Leaflet, a JS library for interactive maps. http://leafletjs.com\n"
    " * (c) 2010-2019 Vladimir Agafonkin, (c) 2010-2011 CloudMade\n"
    " * BSD 2-Clause licence: /usr/share/doc/libjs-leaflet/copyright\n */\n";

std::string JsDir(const std::string& dir) {
  if (!dir.empty()) return dir;
  if (const char* env = std::getenv("PANHUO_JS_DIR"); env && *env) return env;
  return "/usr/share/javascript";
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::Error("cannot read '" + p.string() + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<std::string> ReadAsset(const std::string& dir, const Asset& a) {
  const fs::path p = fs::path(dir) / a.file;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec))
    return Status::Error("the report needs '" + p.string() + "' (install the Debian package " + a.package + ")");
  return ReadFile(p);
}

std::string Base64(const std::string& bytes) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int s : {18, 12, 6, 0}) out += k[(v >> s) & 63];
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += rest == 2 ? k[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// Leaflet's stylesheet with its images as data: URLs (nothing to fetch beside the page).
std::string InlineImages(std::string css, const std::string& dir) {
  for (const char* img : {"layers.png", "layers-2x.png", "marker-icon.png"}) {
    auto bytes = ReadFile(fs::path(dir) / "leaflet/images" / img);
    const std::string url = bytes.ok() ? "data:image/png;base64," + Base64(*bytes) : "data:,";
    ReplaceAll(css, std::string("url(images/") + img + ")", "url(" + url + ")");
  }
  return css;
}

struct Libraries {
  std::string leaflet_js, leaflet_css, chart_js;
};

Result<Libraries> LoadLibraries(const std::string& js_dir) {
  const std::string dir = JsDir(js_dir);
  auto ljs = ReadAsset(dir, kLeafletJs);
  if (!ljs.ok()) return ljs.status();
  auto lcss = ReadAsset(dir, kLeafletCss);
  if (!lcss.ok()) return lcss.status();
  auto cjs = ReadAsset(dir, kChartJs);
  if (!cjs.ok()) return cjs.status();
  Libraries l{kLeafletNotice + *ljs, InlineImages(*lcss, dir), *cjs};
  // the attribution link is the one address in Leaflet's code; the page fetches nothing
  ReplaceAll(l.leaflet_js, "\"https://leafletjs.com\"", "\"#\"");
  return l;
}

// JSON inside <script>: "</" could end the element.
std::string ScriptSafe(std::string s) {
  ReplaceAll(s, "</", "<\\/");
  return s;
}

std::string HtmlText(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
  return o;
}

std::string Page(const Libraries& lib, const nlohmann::json& payload, const ReportOptions& o) {
  std::string html;
  html.reserve(lib.leaflet_js.size() + lib.chart_js.size() + (8u << 20));
  html += "<!DOCTYPE html>\n<html lang=\"" + std::string(o.lang == "en" ? "en" : "zh-CN") +
          "\" data-ready=\"0\" data-errors=\"0\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>panhuo " + HtmlText(o.command) + " " + HtmlText(payload["meta"]["as_of"].get<std::string>()) +
          "</title>\n";
  html += "<script>" + std::string(detail::kReportErrorsJs) + "</script>\n";
  html += "<style>\n/* Leaflet stylesheet, BSD 2-Clause licence (see the script below) */\n" + lib.leaflet_css +
          "\n</style>\n<style>\n" + detail::kReportCss + "\n</style>\n";
  html += "<script>\n" + lib.leaflet_js + "\n</script>\n";
  html += "<script>\n" + lib.chart_js + "\n</script>\n";
  html += "<script type=\"application/json\" id=\"panhuo-data\">" + ScriptSafe(payload.dump()) + "</script>\n";
  html += "</head>\n<body>\n<main id=\"report\"></main>\n<script>\n" + std::string(detail::kReportJs) +
          "\n</script>\n</body>\n</html>\n";
  return html;
}

Status WriteAtomically(const std::string& path, const std::string& content) {
  const std::string tmp = ReportPartialPath(path);
  std::error_code ec;
  fs::remove(tmp, ec);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Error("cannot create '" + tmp + "'");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    // what is on disk is checked, not only what the stream said
    if (!out || fs::file_size(tmp, ec) != content.size() || ec) {
      fs::remove(tmp, ec);
      return Status::Error("cannot write '" + path + "' (disk full?)");
    }
  }
  return PublishOutput(tmp, path);
}

}  // namespace

std::string ReportPartialPath(const std::string& path) { return path + ".partial"; }

Status CheckReportAssets(const std::string& js_dir) {
  const std::string dir = JsDir(js_dir);
  for (const Asset& a : {kLeafletJs, kLeafletCss, kChartJs}) {
    std::error_code ec;
    const fs::path p = fs::path(dir) / a.file;
    if (!fs::is_regular_file(p, ec))
      return Status::Error("the report needs '" + p.string() + "' (install the Debian package " + a.package + ")");
  }
  return {};
}

Status WriteReport(const County& county, const ScanResult& scan, const ReportExtras& extras,
                   const ReportOptions& options) {
  std::error_code ec;
  if (fs::exists(options.path, ec) && !options.overwrite)
    return Status::Error("'" + options.path + "' exists; use --overwrite to replace it");
  auto lib = LoadLibraries(options.js_dir);
  if (!lib.ok()) return lib.status();
  auto payload = detail::ReportPayload(county, scan, extras, options);
  if (!payload.ok()) return payload.status();
  if (Status s = WriteAtomically(options.path, Page(*lib, *payload, options)); !s.ok())
    return Status::Error("writing the report: " + s.message());
  return {};
}

}  // namespace panhuo
