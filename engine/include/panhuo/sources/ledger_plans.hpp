// Internal: a ledger handed back as the `plans` layer (v3). The towns fill the plan columns of
// the ledger's 批而未供 and 闲置土地 sheets (处置措施, 责任单位, 挂钩领导, 计划完成时间); read
// back, every row with a plan cell filled is a plan of the plot of its row, and the rows of
// 工作方案进度 whose plot is on neither sheet (plans resolved or naming nothing) come along.
#pragma once

#include <string>

class GDALDataset;

namespace panhuo::detail {

// When `ds` is a ledger (it has a 批而未供 or 闲置土地 sheet, or the English `unsupplied` or
// `idle`, with a plot id column and at least one plan column), a new in-memory dataset with one
// table of its plan rows: fields feature_id, measure, responsible, leader, due_date (text);
// each row's fid is the sheet's number × 100000 + its row in the sheet as Excel numbers it
// (1 批而未供, 2 闲置土地, 3 工作方案进度), so that a reject names the cell's row. A workbook
// (`path`, XLSX) is read again without headers, and each sheet's header row is the row among
// its first five that holds the plot id's title: the title rows above it are skipped. `layer_name`
// gets the sheets read. Null when `ds` is no ledger.
GDALDataset* LedgerPlans(GDALDataset* ds, const std::string& path, std::string& layer_name);

}  // namespace panhuo::detail
