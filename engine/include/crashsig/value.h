// crashsig/value.h — crash data as the rules see it.
//
// A crash report is JSON. Socorro's rules run on what Python's json.loads makes of
// it, so a Value keeps exactly the distinctions Python keeps: null, bool, int,
// float, str, list and dict, with integers beyond 64 bits, NaN and infinities,
// duplicate keys resolved last-wins (first position), and lone UTF-16 surrogates
// kept (stored as WTF-8, the UTF-8 encoding of the surrogate code point).
//
// Values are immutable views into an Arena owned by a Document. They are 16 bytes,
// trivially copyable, and valid as long as the Document (or Arena) lives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

// Everything the library declares here is part of its ABI (see export.h).
#pragma GCC visibility push(default)

namespace crashsig {

class Value;

enum class Type : std::uint8_t { Null, Bool, Int, Float, String, Array, Object };

// The Python type name of a Value's type ("NoneType", "bool", "int", "float",
// "str", "list", "dict"), as it appears in Python's error messages.
std::string_view python_type_name(Type t);

struct Member;

class Value {
 public:
  constexpr Value() : type_(Type::Null), big_(false), size_(0), i_(0) {}

  // Inline: the JSON reader makes a few hundred Values a crash.
  static Value boolean(bool b) {
    Value v(Type::Bool);
    v.b_ = b;
    return v;
  }
  static Value integer(std::int64_t i) {
    Value v(Type::Int);
    v.i_ = i;
    return v;
  }
  static Value floating(double d) {
    Value v(Type::Float);
    v.d_ = d;
    return v;
  }
  // `s` must outlive the Value (arena or static storage).
  static Value string(std::string_view s) {
    Value v(Type::String, static_cast<std::uint32_t>(s.size()));
    v.s_ = s.data();
    return v;
  }
  // An integer literal that does not fit in 64 bits, kept as its decimal text.
  static Value big_integer(std::string_view digits);
  static Value array(const Value* items, std::uint32_t n) {
    Value v(Type::Array, n);
    v.a_ = items;
    return v;
  }
  static Value object(const Member* members, std::uint32_t n) {
    Value v(Type::Object, n);
    v.m_ = members;
    return v;
  }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_bool() const { return type_ == Type::Bool; }
  bool is_int() const { return type_ == Type::Int; }
  bool is_float() const { return type_ == Type::Float; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  // An int that did not fit in int64: as_int() saturates, big_digits() has the text.
  bool is_big_int() const { return type_ == Type::Int && big_; }

  bool as_bool() const { return b_; }
  std::int64_t as_int() const;
  double as_float() const { return d_; }
  std::string_view as_string() const { return {s_, size_}; }
  std::string_view big_digits() const { return {s_, size_}; }

  // Arrays and objects: number of items / members. 0 for other types.
  std::uint32_t size() const { return (is_array() || is_object()) ? size_ : 0; }
  const Value* begin() const { return is_array() ? a_ : nullptr; }
  const Value* end() const { return is_array() ? a_ + size_ : nullptr; }
  const Value& operator[](std::size_t i) const { return a_[i]; }
  const Member* members() const { return is_object() ? m_ : nullptr; }
  const Member* members_end() const;

  // Object member lookup; nullptr when this is not an object or has no such key.
  // (Inline, as truthy() and get() are: rules call them dozens of times a crash.)
  inline const Value* find(std::string_view key) const;
  // dict.get(key): the member, or a null Value when missing (or not an object).
  inline const Value& get(std::string_view key) const;

  // Python truthiness: None, False, 0, 0.0, "", [] and {} are false.
  bool truthy() const {
    switch (type_) {
      case Type::Null: return false;
      case Type::Bool: return b_;
      case Type::Int: return big_ || i_ != 0;
      case Type::Float: return d_ != 0.0;  // NaN is truthy in Python, and NaN != 0
      default: return size_ != 0;          // str, list, dict
    }
  }

 private:
  // A Value of type `t` and size `size`; the factories set the union's member.
  explicit constexpr Value(Type t, std::uint32_t size = 0) : type_(t), big_(false), size_(size), i_(0) {}

  Type type_;
  bool big_;
  std::uint32_t size_;
  union {
    bool b_;
    std::int64_t i_;
    double d_;
    const char* s_;
    const Value* a_;
    const Member* m_;
  };
};

struct Member {
  std::string_view key;
  Value value;
};

inline const Member* Value::members_end() const { return is_object() ? m_ + size_ : nullptr; }

// A null Value with static storage, for "missing" results.
const Value& null_value();

inline const Value* Value::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (const Member *m = m_, *e = m_ + size_; m != e; ++m)
    if (m->key == key) return &m->value;
  return nullptr;
}

inline const Value& Value::get(std::string_view key) const {
  const Value* v = find(key);
  return v ? *v : null_value();
}

// Bump allocator for Values, members and strings of one document. Not thread-safe;
// one Arena per document being processed.
class Arena {
 public:
  Arena();
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* allocate(std::size_t bytes, std::size_t align = alignof(std::max_align_t));
  std::string_view copy(std::string_view s);
  Value* values(std::size_t n) { return static_cast<Value*>(allocate(n * sizeof(Value), alignof(Value))); }
  Member* members(std::size_t n) { return static_cast<Member*>(allocate(n * sizeof(Member), alignof(Member))); }
  // Forget every allocation but keep the first block, so reuse costs no malloc.
  void reset();

 private:
  struct Block;
  Block* head_ = nullptr;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  void grow(std::size_t need);
};

}  // namespace crashsig

#pragma GCC visibility pop
