// The output layers, each declared once: its name, its sheet in the ledger, whether it has a
// geometry, and its fields in order with their types. The GeoPackage
// writer creates the layers from it, the ledger names its sheets from it, and a test checks every
// written layer against it. Field titles are model/field_titles, code labels tables/code_labels.
#pragma once

#include <string>
#include <vector>

#include "panhuo/tables/table.hpp"

namespace panhuo {

struct OutputField {
  enum class Type { kText, kInteger, kInteger64, kReal, kDate };
  std::string name;
  Type type;
};

struct OutputLayer {
  std::string name;   // the layer's name in every output
  std::string sheet;  // its sheet in a Chinese ledger; empty: none (the ledger gives it its name)
  bool geometry = false;
  // its fields, in order; empty for `run`, whose columns follow the input's layers and the run
  std::vector<OutputField> fields;
};

// Every output layer a command writes, in the order of the ledger's sheets.
const std::vector<OutputLayer>& OutputLayers();

// The layer named `name` (a scenario's own layer by its suffix, "<scenario>_plots"), or null.
const OutputLayer* FindOutputLayer(const std::string& name);
// The declaration of a scenario's own layer "<scenario><suffix>" (the layers named "_plots",
// "_towns", "_riverside", "_clear"), or null.
const OutputLayer* FindScenarioLayer(const std::string& name);

// An empty table of output layer `name`, its columns as declared (an integer as Table's integer).
Table NewTable(const std::string& name);

}  // namespace panhuo
