#include "panhuo/sources/encoding.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace panhuo::detail {

bool IsShapefile(GDALDataset* ds) {
  return ds && ds->GetDriver() && std::string(ds->GetDriver()->GetDescription()) == "ESRI Shapefile";
}

std::string EncodingGdalFound(OGRLayer* layer) {
  if (const char* cpg = layer->GetMetadataItem("ENCODING_FROM_CPG", "SHAPEFILE"); cpg && *cpg)
    return std::string(cpg) + " (cpg)";
  if (const char* ldid = layer->GetMetadataItem("ENCODING_FROM_LDID", "SHAPEFILE"); ldid && *ldid)
    return std::string(ldid) + " (ldid)";
  return {};
}

bool AllTextUtf8(OGRLayer* layer) {
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  std::vector<int> text;
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    if (!CPLIsUTF8(defn->GetFieldDefn(i)->GetNameRef(), -1)) return false;
    if (defn->GetFieldDefn(i)->GetType() == OFTString) text.push_back(i);
  }
  layer->ResetReading();
  bool ok = true;
  while (ok) {
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    if (!f) break;
    for (int i : text)
      if (f->IsFieldSetAndNotNull(i) && !CPLIsUTF8(f->GetFieldAsString(i), -1)) ok = false;
  }
  layer->ResetReading();
  return ok;
}

std::string ValidUtf8(const std::string& text) {
  if (CPLIsUTF8(text.c_str(), static_cast<int>(text.size()))) return text;
  CPLPushErrorHandler(CPLQuietErrorHandler);
  char* decoded = CPLRecode(text.c_str(), "GB18030", CPL_ENC_UTF8);
  CPLPopErrorHandler();
  std::string out = decoded ? decoded : "";
  CPLFree(decoded);
  if (!out.empty() && CPLIsUTF8(out.c_str(), static_cast<int>(out.size()))) return out;
  // byte by byte: keep each well-formed sequence, replace the rest
  out.clear();
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len && i + len <= text.size() && CPLIsUTF8(text.data() + i, static_cast<int>(len))) {
      out.append(text, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace panhuo::detail
