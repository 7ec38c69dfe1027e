// The PostGIS sink: the layers of a finished output GeoPackage copied into a schema of a
// PostgreSQL/PostGIS database, atomically. Everything is written into a fresh schema
// "<schema>__partial_<pid>" (GDAL's PostgreSQL driver, COPY into new tables, GiST indexes,
// primary keys, COMMENT ON with the Chinese field titles), which replaces <schema> in one
// transaction only when every layer was written: a failed, interrupted or killed run leaves the
// previous results in place, and the next run removes the stale partial schema.
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/staged_outputs.hpp"

#include <cpl_conv.h>
#include <unistd.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "ogr_util.hpp"
#include "styles.hpp"

namespace panhuo {
namespace {

using detail::GdalError;
using Dataset = detail::DatasetPtr;
const auto Quote = detail::SqlText;

bool ValidIdentifier(const std::string& s) { return std::regex_match(s, std::regex("[a-z_][a-z0-9_]{0,50}")); }

// Runs one statement (detail::RunSql); an error names the connection and the statement.
Result<std::vector<std::string>> Sql(GDALDataset* ds, const std::string& sql, const std::string& conn) {
  auto r = detail::RunSql(ds, sql);
  if (!r.ok())
    return Status::Error("'" + MaskPassword(conn) + "': " + r.status().message() + " (in: " + sql.substr(0, 80) + ")");
  return r;
}

Result<Dataset> Connect(const std::string& conn) {
  CPLErrorReset();
  Dataset ds(static_cast<GDALDataset*>(GDALOpenEx(conn.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr)));
  if (!ds) return Status::Error("cannot connect to '" + MaskPassword(conn) + "': " + GdalError());
  return ds;
}

Result<bool> SchemaExists(GDALDataset* ds, const std::string& schema, const std::string& conn) {
  auto r = Sql(ds, "SELECT nspname FROM pg_namespace WHERE nspname = " + Quote(schema), conn);
  if (!r.ok()) return r.status();
  return !r->empty();
}

// Partial schemas left by killed runs for this output schema.
Status RemoveStalePartials(GDALDataset* ds, const std::string& schema, const std::string& conn) {
  auto stale = Sql(ds, "SELECT nspname FROM pg_namespace WHERE nspname LIKE " + Quote(schema + "\\_\\_partial\\_%"), conn);
  if (!stale.ok()) return stale.status();
  for (const auto& s : *stale) {
    std::fprintf(stderr, "panhuo: note: removing schema '%s' left by an interrupted run\n", s.c_str());
    if (auto r = Sql(ds, "DROP SCHEMA \"" + s + "\" CASCADE", conn); !r.ok()) return r.status();
  }
  return {};
}

Status CopyLayer(GDALDataset* pg, OGRLayer* src, const std::string& schema, const std::string& conn) {
  const std::string name = src->GetName();
  char** lco = nullptr;
  lco = CSLSetNameValue(lco, "SCHEMA", schema.c_str());
  lco = CSLSetNameValue(lco, "GEOMETRY_NAME", "geom");
  lco = CSLSetNameValue(lco, "FID", "row_id");
  lco = CSLSetNameValue(lco, "PRECISION", "NO");
  lco = CSLSetNameValue(lco, "SPATIAL_INDEX", src->GetGeomType() == wkbNone ? "NONE" : "GIST");
  CPLErrorReset();
  // CopyLayer writes in transactions of its own, through COPY into the new table
  OGRLayer* out = pg->CopyLayer(src, name.c_str(), lco);
  CSLDestroy(lco);
  if (!out || CPLGetLastErrorType() == CE_Failure)
    return Status::Error("'" + MaskPassword(conn) + "': cannot write table " + schema + "." + name + ": " + GdalError());
  return {};
}

// COMMENT ON every column with its Chinese title, and on the table.
Status Comment(GDALDataset* pg, OGRLayer* src, const std::string& schema, const std::string& conn) {
  const std::string table = "\"" + schema + "\".\"" + src->GetName() + "\"";
  if (auto r = Sql(pg, "COMMENT ON TABLE " + table + " IS " + Quote(std::string("panhuo: ") + src->GetName()), conn); !r.ok())
    return r.status();
  OGRFeatureDefn* d = src->GetLayerDefn();
  for (int i = 0; i < d->GetFieldCount(); ++i) {
    const std::string field = d->GetFieldDefn(i)->GetNameRef();
    const std::string title = detail::FieldTitle(src->GetName(), field);
    if (title.empty()) continue;
    if (auto r = Sql(pg, "COMMENT ON COLUMN " + table + ".\"" + field + "\" IS " + Quote(title), conn); !r.ok())
      return r.status();
  }
  return {};
}

// Every layer of the GeoPackage into `partial`, then `partial` renamed to `schema`.
Status Fill(GDALDataset* pg, GDALDataset* src, const std::string& partial, const std::string& schema, bool overwrite,
            const std::string& conn) {
  if (auto r = Sql(pg, "CREATE SCHEMA \"" + partial + "\"", conn); !r.ok()) return r.status();
  for (int i = 0; i < src->GetLayerCount(); ++i) {
    OGRLayer* l = src->GetLayer(i);
    if (std::string(l->GetName()) == "layer_styles") continue;  // QGIS keeps its own in public.layer_styles
    if (Status s = CopyLayer(pg, l, partial, conn); !s.ok()) return s;
    if (Status s = Comment(pg, l, partial, conn); !s.ok()) return s;
  }
  auto exists = SchemaExists(pg, schema, conn);
  if (!exists.ok()) return exists.status();
  if (*exists && !overwrite)
    return Status::Error("'" + MaskPassword(conn) + "': schema '" + schema + "' exists; use --overwrite to replace it");
  // the swap: one transaction, so readers see the old tables or the new ones, never a mixture
  if (pg->StartTransaction() != OGRERR_NONE) return Status::Error("'" + MaskPassword(conn) + "': " + GdalError());
  auto dropped = Sql(pg, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE", conn);
  auto renamed = dropped.ok() ? Sql(pg, "ALTER SCHEMA \"" + partial + "\" RENAME TO \"" + schema + "\"", conn) : dropped;
  if (!renamed.ok()) {
    pg->RollbackTransaction();
    return renamed.status();
  }
  if (pg->CommitTransaction() != OGRERR_NONE)
    return Status::Error("'" + MaskPassword(conn) + "': cannot replace schema '" + schema + "': " + GdalError());
  return {};
}

}  // namespace

bool IsPostgis(const std::string& output) { return output.rfind("PG:", 0) == 0; }

namespace {

// The database is connected, has PostGIS, and `schema` is a plain name that may be written.
Result<Dataset> ConnectWritable(const std::string& conn, const std::string& schema, bool overwrite) {
  if (schema.empty()) return Status::Usage("a PostGIS output needs --out-schema NAME");
  if (!ValidIdentifier(schema))
    return Status::Usage("--out-schema '" + schema + "': use lower-case letters, digits and _, starting with a letter or _");
  auto ds = Connect(conn);
  if (!ds.ok()) return ds.status();
  auto postgis = Sql(ds->get(), "SELECT extname FROM pg_extension WHERE extname = 'postgis'", conn);
  if (!postgis.ok()) return postgis.status();
  if (postgis->empty()) return Status::Error("'" + MaskPassword(conn) + "': the database has no PostGIS extension");
  auto exists = SchemaExists(ds->get(), schema, conn);
  if (!exists.ok()) return exists.status();
  if (*exists && !overwrite)
    return Status::Error("'" + MaskPassword(conn) + "': schema '" + schema + "' exists; use --overwrite to replace it");
  return ds;
}

}  // namespace

Status CheckPostgisWritable(const std::string& conn, const std::string& schema, bool overwrite) {
  auto ds = ConnectWritable(conn, schema, overwrite);
  return ds.ok() ? Status{} : ds.status();
}

Status CopyToPostgis(const std::string& gpkg, const std::string& conn, const std::string& schema, bool overwrite) {
  auto pg = ConnectWritable(conn, schema, overwrite);
  if (!pg.ok()) return pg.status();
  Dataset src(static_cast<GDALDataset*>(GDALOpenEx(FinishedPath(gpkg).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!src) return Status::Error("cannot reopen '" + gpkg + "': " + GdalError());
  if (Status s = RemoveStalePartials(pg->get(), schema, conn); !s.ok()) return s;
  const std::string partial = schema + "__partial_" + std::to_string(::getpid());
  Status s = Fill(pg->get(), src.get(), partial, schema, overwrite, conn);
  if (!s.ok()) Sql(pg->get(), "DROP SCHEMA IF EXISTS \"" + partial + "\" CASCADE", conn);
  return s;
}

}  // namespace panhuo
