// Internal: the typed columns of InputData filled in place. columns.cpp decides which rows of a
// layer are used and where each goes; these size a layer's columns once and put each row in its
// slot, so that the rows can be put from every core (each touches only its own slot).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "panhuo/model/layers.hpp"
#include "panhuo/sources/raw_layer.hpp"

namespace panhuo::detail {

enum class LayerKind { kTowns, kApprovals, kSupplies, kConstruction, kEnterprises, kRuralPlots, kRiver, kTargets,
                       kReserves, kConstraints, kHolderGroups, kPlans, kOther };
LayerKind KindOf(const std::string& name);

// Every column of layer `name` (its polygon column too when `with_shapes`) sized for n rows.
void ResizeColumns(const std::string& name, size_t n, InputData& data, PolygonColumn* shapes, bool with_shapes);

// The dates of layer `name` that make its report's date range, null for a layer without.
const std::vector<Date>* RangeDates(const std::string& name, const InputData& data);

// The attributes of usable row `row` of `raw` into slot `at` of its layer's columns (its texts
// are moved out of `raw`); its polygon, when it has one, is the caller's.
void PutRow(LayerKind kind, RawLayer& raw, size_t row, size_t at, InputData& data,
            const std::unordered_map<std::string, uint32_t>& supply_index);

// A value's text, empty when it holds none.
std::string Text(const Value& v);
// supplies.idle_cause from its text (any case; empty: none); nullopt when it is no known cause.
std::optional<IdleCause> ParseIdleCause(const std::string& s);

}  // namespace panhuo::detail
