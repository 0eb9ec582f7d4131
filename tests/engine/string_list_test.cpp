// StringList: items kept end to end must come back exactly, empty ones included.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crashsig/string_list.h"

namespace crashsig {
namespace {

TEST(StringList, ItemsComeBackInOrderWithEmptyOnes) {
  StringList list;
  EXPECT_TRUE(list.empty());
  for (const char* item : {"", "a | b", "", "mozilla::dom::Foo<T>", ""}) list.push_back(item);
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0], "");
  EXPECT_EQ(list[1], "a | b");
  EXPECT_EQ(list[2], "");
  EXPECT_EQ(list[3], "mozilla::dom::Foo<T>");
  EXPECT_EQ(list[4], "");
  EXPECT_EQ(list.text_size(), 25u);
  EXPECT_EQ(std::vector<std::string>(list.begin(), list.end()),
            (std::vector<std::string>{"", "a | b", "", "mozilla::dom::Foo<T>", ""}));
}

TEST(StringList, EqualityComparesItemsNotJustText) {
  // Same bytes end to end, split differently.
  EXPECT_NE((StringList{"ab", "c"}), (StringList{"a", "bc"}));
  EXPECT_NE((StringList{"ab"}), (StringList{"ab", ""}));
  EXPECT_EQ((StringList{"ab", "c"}), (StringList{"ab", "c"}));
}

}  // namespace
}  // namespace crashsig
