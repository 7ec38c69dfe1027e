// Internal: the work plans of a scan in its output GeoPackage (contract v3): the `plan_status`
// layer, the plan fields of `unsupplied` and `idle`, and the towns' plan and pace fields.
#pragma once

#include <vector>

#include "ogr_util.hpp"
#include "panhuo/scan/scan.hpp"

namespace panhuo::detail {

// measure, responsible, leader, due_date: the plan of a listed feature.
const std::vector<OutputField>& PlanFields();
// The plan fields of `o` from plan `plan` (index into plans), all null when it is -1.
void SetPlanFields(OGRFeature* o, const InputData& d, int32_t plan);

void SetTownPlanFields(OGRFeature* o, const TownFinding& t);

// The `plan_status` layer: one row per plan, in plan order (empty without a plans layer).
Status WritePlanStatus(GDALDataset* ds, const County& county, const ScanResult& r, const OGRSpatialReference* srs);

}  // namespace panhuo::detail
