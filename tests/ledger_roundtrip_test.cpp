// The ledger as the way back in (v3): scan the sample county with a ledger, fill plan cells of
// its 批而未供 and 闲置土地 sheets through GDAL's XLSX driver as a town would in Excel (the
// sheets keep their header rows), hand the workbook back with --layer plans=... --schema zh and
// compare plan_status.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "cli_support.hpp"

namespace panhuo {
namespace {

using testing::Cli;
using testing::Ds;
using testing::Exec;
using testing::Open;

namespace fs = std::filesystem;

const std::string kSample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";

struct PlanRow {
  std::string layer, status, measure, due;
  int days_left = 0;
  bool has_days = false;
};

// plan_status of a scan by feature_id.
std::map<std::string, PlanRow> PlanStatus(const std::string& gpkg) {
  std::map<std::string, PlanRow> out;
  Ds ds = Open(gpkg);
  EXPECT_TRUE(ds) << gpkg;
  if (!ds) return out;
  OGRLayer* l = ds->GetLayerByName("plan_status");
  EXPECT_TRUE(l);
  if (!l) return out;
  for (auto& f : *l) {
    PlanRow r;
    r.layer = f->GetFieldAsString("layer");
    r.status = f->GetFieldAsString("status");
    r.measure = f->GetFieldAsString("measure");
    r.due = f->GetFieldAsString("due_date");
    r.has_days = f->IsFieldSetAndNotNull(f->GetFieldIndex("days_left"));
    r.days_left = f->GetFieldAsInteger("days_left");
    out[f->GetFieldAsString("feature_id")] = r;
  }
  return out;
}

int SumOf(const std::string& gpkg, const char* field) {
  Ds ds = Open(gpkg);
  int sum = 0;
  for (auto& f : *ds->GetLayerByName("towns")) sum += f->GetFieldAsInteger(field);
  return sum;
}

class LedgerRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("panhuo_roundtrip_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string P(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(LedgerRoundTrip, PlansFilledInTheLedgerComeBackInTheNextScan) {
  auto first = Exec("scan " + kSample + " --as-of 2021-12-31 -q -o " + P("first.gpkg") + " --xlsx " + P("ledger.xlsx"));
  ASSERT_EQ(first.code, 0) << first.out;
  fs::copy_file(P("ledger.xlsx"), P("returned.xlsx"));

  // The town fills three rows: an approval and a parcel without a plan get one each (the
  // parcel's due the day before T: overdue), a second parcel gets a measure and no date.
  std::string approval, parcel, undated;
  {
    GDALAllRegister();
    // as a clerk sees it: a title row, then the header row, then the plots; the cells are
    // filled below the header, the title and header rows kept
    const char* const drivers[] = {"XLSX", nullptr};
    const char* const options[] = {"HEADERS=DISABLE", "FIELD_TYPES=STRING", nullptr};
    Ds ds(static_cast<GDALDataset*>(
        GDALOpenEx(P("returned.xlsx").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, options, nullptr)));
    ASSERT_TRUE(ds);
    auto fill = [&](const char* sheet, const char* id_title, int n, std::string* ids[], const char* dates[]) {
      OGRLayer* l = ds->GetLayerByName(sheet);
      ASSERT_TRUE(l) << sheet;
      l->ResetReading();
      std::vector<std::unique_ptr<OGRFeature>> rows;
      for (auto& f : *l) rows.emplace_back(f->Clone());
      ASSERT_GE(rows.size(), 3u) << sheet;
      EXPECT_NE(std::string(rows[0]->GetFieldAsString(0)).find(sheet), std::string::npos) << "title row";
      std::map<std::string, int> col;
      for (int i = 0; i < rows[1]->GetFieldCount(); ++i) col[rows[1]->GetFieldAsString(i)] = i;
      for (const char* title : {id_title, "处置措施", "责任单位", "挂钩领导", "计划完成时间"})
        ASSERT_TRUE(col.count(title)) << sheet << ": no column " << title;
      const int id = col[id_title], measure = col["处置措施"], unit = col["责任单位"], leader = col["挂钩领导"],
                due = col["计划完成时间"];
      int done = 0;
      for (size_t r = 2; r < rows.size() && done < n; ++r) {
        auto& f = rows[r];
        if (f->IsFieldSetAndNotNull(measure) || f->IsFieldSetAndNotNull(due)) continue;  // planned already
        *ids[done] = f->GetFieldAsString(id);
        f->SetField(measure, "收回后重新供地");
        f->SetField(unit, "镇自然资源所");
        f->SetField(leader, "王副镇长");
        if (dates[done]) f->SetField(due, dates[done]);
        ASSERT_EQ(l->SetFeature(f.get()), OGRERR_NONE);
        ++done;
      }
      ASSERT_EQ(done, n) << sheet;
    };
    std::string* a[] = {&approval};
    const char* a_dates[] = {"2022-06-30"};
    fill("批而未供", "批准地块编号", 1, a, a_dates);
    std::string* s[] = {&parcel, &undated};
    const char* s_dates[] = {"2021-12-30", nullptr};
    fill("闲置土地", "电子监管号", 2, s, s_dates);
  }  // closing writes the workbook

  auto second = Exec("scan " + kSample + " --layer plans=" + P("returned.xlsx") + " --schema zh --as-of 2021-12-31 -q -o " +
                     P("second.gpkg"));
  ASSERT_EQ(second.code, 0) << second.out;

  const auto before = PlanStatus(P("first.gpkg")), after = PlanStatus(P("second.gpkg"));
  // every plan of the first scan comes back as it was (open and overdue ones from the list
  // sheets, resolved and unknown ones from 工作方案进度)
  for (const auto& [id, row] : before) {
    auto it = after.find(id);
    ASSERT_NE(it, after.end()) << id;
    EXPECT_EQ(it->second.status, row.status) << id;
    EXPECT_EQ(it->second.layer, row.layer) << id;
    EXPECT_EQ(it->second.measure, row.measure) << id;
    EXPECT_EQ(it->second.due, row.due) << id;
    EXPECT_EQ(it->second.has_days, row.has_days) << id;
    EXPECT_EQ(it->second.days_left, row.days_left) << id;
  }
  // and the two new ones
  ASSERT_EQ(after.size(), before.size() + 2);
  ASSERT_TRUE(after.count(approval)) << approval;
  EXPECT_EQ(after.at(approval).layer, "approvals");
  EXPECT_EQ(after.at(approval).status, "open");
  EXPECT_EQ(after.at(approval).days_left, 181);  // 2022-06-30 − 2021-12-31
  EXPECT_EQ(after.at(approval).measure, "收回后重新供地");
  ASSERT_TRUE(after.count(parcel)) << parcel;
  EXPECT_EQ(after.at(parcel).layer, "supplies");
  EXPECT_EQ(after.at(parcel).status, "overdue");
  EXPECT_EQ(after.at(parcel).days_left, -1);
  EXPECT_FALSE(after.count(undated));
  // the row without a date is a reject naming its sheet row, not dropped
  {
    Ds ds = Open(P("second.gpkg"));
    int found = 0;
    for (auto& f : *ds->GetLayerByName("rejects")) {
      if (std::string(f->GetFieldAsString("layer")) != "plans") continue;
      if (std::string(f->GetFieldAsString("feature_id")) != undated) continue;
      ++found;
      EXPECT_EQ(std::string(f->GetFieldAsString("reason")), "missing due_date");
      EXPECT_GT(f->GetFieldAsInteger64("fid"), 200000);  // 闲置土地, its row
      EXPECT_LT(f->GetFieldAsInteger64("fid"), 300000);
    }
    EXPECT_EQ(found, 1);
  }
  // two plots fewer without a plan, one plan more overdue
  EXPECT_EQ(SumOf(P("second.gpkg"), "no_plan_n"), SumOf(P("first.gpkg"), "no_plan_n") - 2);
  EXPECT_EQ(SumOf(P("second.gpkg"), "plans_overdue_n"), SumOf(P("first.gpkg"), "plans_overdue_n") + 1);
}

}  // namespace
}  // namespace panhuo
