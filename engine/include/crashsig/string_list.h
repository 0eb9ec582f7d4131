// crashsig/string_list.h — a list of strings kept end to end in one buffer.
//
// A crash's normalized frames are a few dozen short strings. Kept as a
// std::vector<std::string>, each one longer than 15 bytes cost an allocation and a
// free: malloc and free were ~6% of signing a crash, ~2.5% since (see
// docs/performance.md). A StringList makes two allocations, however many items it
// holds, and hands its items out as views.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

class StringList {
 public:
  StringList() = default;
  StringList(std::initializer_list<std::string_view> items) {
    for (std::string_view s : items) push_back(s);
  }

  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  // Item i, valid until the list is next changed.
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  // The items' lengths summed: what they take in the buffer.
  std::size_t text_size() const { return text_.size(); }

  void reserve(std::size_t items, std::size_t text_bytes) {
    ends_.reserve(items);
    text_.reserve(text_bytes);
  }
  void push_back(std::string_view s) {
    text_.append(s);
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    const_iterator() = default;
    std::string_view operator*() const { return (*list_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    friend class StringList;
    const_iterator(const StringList* list, std::size_t i) : list_(list), i_(i) {}
    const StringList* list_ = nullptr;
    std::size_t i_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  bool operator==(const StringList& o) const { return ends_ == o.ends_ && text_ == o.text_; }
  bool operator!=(const StringList& o) const { return !(*this == o); }

 private:
  std::string text_;                // the items, end to end
  std::vector<std::uint32_t> ends_;  // where each item ends in text_
};

}  // namespace crashsig

#pragma GCC visibility pop
