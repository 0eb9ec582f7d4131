// The grammar has no rule that can loop without consuming input or recurse
// without progress (PEGTL's static analysis).
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "crashsig/dsl/grammar.h"

TEST(Grammar, AnalyzeFindsNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<crashsig::dsl::grammar::rule_file>(1), 0u);
}
