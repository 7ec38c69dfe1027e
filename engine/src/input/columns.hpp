// Internal: from a RawLayer to the typed columns of InputData, applying the contract's reject
// rules (required fields, parse failures, absurd dates, geometry, repeated ids, dangling
// references) and filling the layer's report.
#pragma once

#include "panhuo/model/layers.hpp"
#include "panhuo/sources/raw_layer.hpp"

namespace panhuo::detail {

void FillColumns(RawLayer& raw, InputData& data, LayerReport& report);
// Orders the rejects (layer in contract order, then fid) and totals the repairs.
void FinishInput(InputData& data);

}  // namespace panhuo::detail
