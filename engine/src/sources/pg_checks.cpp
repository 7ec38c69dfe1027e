#include "panhuo/sources/pg_checks.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace panhuo::detail {
namespace {

// SQL literal and identifier quoting.
std::string Literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}
std::string Identifier(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// "schema"."table" and the schema's literal (current_schema() for a bare name) of a layer name
// as GDAL's PostgreSQL driver gives it ("table" or "schema.table").
struct TableName {
  std::string qualified, schema_sql, table;
};
TableName NameOf(OGRLayer* layer) {
  const std::string name = layer->GetName();
  const size_t dot = name.find('.');
  if (dot == std::string::npos) return {Identifier(name), "current_schema()", name};
  const std::string schema = name.substr(0, dot), table = name.substr(dot + 1);
  return {Identifier(schema) + "." + Identifier(table), Literal(schema), table};
}

struct ResultCloser {
  GDALDataset* ds;
  void operator()(OGRLayer* l) const { ds->ReleaseResultSet(l); }
};
using ResultSet = std::unique_ptr<OGRLayer, ResultCloser>;

ResultSet Query(GDALDataset* ds, const std::string& sql) {
  return ResultSet(ds->ExecuteSQL(sql.c_str(), nullptr, nullptr), ResultCloser{ds});
}

}  // namespace

bool IsPostgisDataset(GDALDataset* ds) {
  return ds && ds->GetDriver() && std::string(ds->GetDriver()->GetDescription()) == "PostgreSQL";
}

std::optional<int> GeographySrid(GDALDataset* ds, OGRLayer* layer) {
  const TableName t = NameOf(layer);
  const std::string column = layer->GetGeometryColumn();
  if (column.empty()) return std::nullopt;
  auto rs = Query(ds, "SELECT srid FROM geography_columns WHERE f_table_schema = " + t.schema_sql +
                          " AND f_table_name = " + Literal(t.table) + " AND f_geography_column = " + Literal(column));
  if (!rs) return std::nullopt;
  std::unique_ptr<OGRFeature> f(rs->GetNextFeature());
  if (!f) return std::nullopt;
  const int srid = f->IsFieldSetAndNotNull(0) ? f->GetFieldAsInteger(0) : 0;
  return srid > 0 ? srid : 4326;
}

Result<std::vector<SridRow>> RowsOfOtherSrid(GDALDataset* ds, OGRLayer* layer, int srid) {
  const TableName t = NameOf(layer);
  const std::string geom = layer->GetGeometryColumn(), fid = layer->GetFIDColumn();
  std::vector<SridRow> rows;
  if (geom.empty()) return rows;
  const std::string g = Identifier(geom);
  if (fid.empty()) {
    auto rs = Query(ds, "SELECT COUNT(DISTINCT ST_SRID(" + g + ")) FROM " + t.qualified + " WHERE " + g + " IS NOT NULL");
    std::unique_ptr<OGRFeature> f(rs ? rs->GetNextFeature() : nullptr);
    if (f && f->GetFieldAsInteger(0) > 1)
      return Status::Error("layer '" + std::string(layer->GetName()) +
                           "' holds geometries of several SRIDs and has no key to tell its rows apart; give it a "
                           "primary key or one SRID (ST_Transform)");
    return rows;
  }
  auto rs = Query(ds, "SELECT " + Identifier(fid) + ", ST_SRID(" + g + ") FROM " + t.qualified + " WHERE " + g +
                          " IS NOT NULL AND ST_SRID(" + g + ") <> " + std::to_string(srid));
  if (!rs) return rows;  // not a PostGIS table GDAL can query so: as GDAL reads it
  for (auto& f : *rs) rows.push_back({f->GetFieldAsInteger64(0), f->GetFieldAsInteger(1)});
  return rows;
}

}  // namespace panhuo::detail
