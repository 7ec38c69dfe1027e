// Text functions shared by the reader, the rules and the sinks.
#pragma once

#include <string>
#include <string_view>

namespace panhuo {

// `s` without the white space at either end: ASCII space, tab, CR, LF, vertical tab, form feed,
// the no-break space U+00A0 and the ideographic (full-width) space U+3000, which bureau data
// typed on a Chinese keyboard carries. Inner white space is kept.
std::string TrimWhiteSpace(std::string_view s);

// `s` with its ASCII letters in lower case (driver names, extensions, field names compared
// without case); other bytes as they are.
std::string AsciiLower(std::string s);

// `name` as an SQL identifier: in double quotes, each double quote in it doubled.
std::string SqlIdentifier(std::string_view name);

// A connection string with any password replaced by ***, for messages.
std::string MaskPassword(const std::string& conn);

// How many columns `text` (UTF-8) takes on a terminal or in a spreadsheet cell: a character of
// three or four bytes (CJK) two, any other one.
size_t DisplayColumns(std::string_view text);

// `v` with `digits` decimals, as printf's %.Nf writes it: the figures of every text a person reads.
std::string Fixed(double v, int digits);

}  // namespace panhuo
