#include "crashsig/value.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

namespace crashsig {

std::string_view python_type_name(Type t) {
  switch (t) {
    case Type::Null: return "NoneType";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::String: return "str";
    case Type::Array: return "list";
    case Type::Object: return "dict";
  }
  return "object";
}

Value Value::big_integer(std::string_view digits) {
  Value v = string(digits);
  v.type_ = Type::Int;
  v.big_ = true;
  return v;
}

std::int64_t Value::as_int() const {
  if (!big_) return i_;
  return (size_ > 0 && s_[0] == '-') ? std::numeric_limits<std::int64_t>::min()
                                     : std::numeric_limits<std::int64_t>::max();
}

const Value& null_value() {
  static const Value null;
  return null;
}

// ---- Arena -------------------------------------------------------------------

struct Arena::Block {
  Block* next;
  std::size_t size;
  char* data() { return reinterpret_cast<char*>(this + 1); }
};

namespace {
constexpr std::size_t kFirstBlock = 16 * 1024;
}

Arena::Arena() = default;

Arena::~Arena() {
  while (head_) {
    Block* next = head_->next;
    std::free(head_);
    head_ = next;
  }
}

void Arena::grow(std::size_t need) {
  std::size_t size = head_ ? head_->size * 2 : kFirstBlock;
  if (size < need + alignof(std::max_align_t)) size = need + alignof(std::max_align_t);
  void* mem = std::malloc(sizeof(Block) + size);
  if (!mem) throw std::bad_alloc();
  Block* b = static_cast<Block*>(mem);
  b->next = head_;
  b->size = size;
  head_ = b;
  cur_ = b->data();
  end_ = cur_ + size;
}

void* Arena::allocate(std::size_t bytes, std::size_t align) {
  auto p = reinterpret_cast<std::uintptr_t>(cur_);
  std::uintptr_t aligned = (p + align - 1) & ~(std::uintptr_t(align) - 1);
  if (!cur_ || aligned + bytes > reinterpret_cast<std::uintptr_t>(end_)) {
    grow(bytes + align);
    p = reinterpret_cast<std::uintptr_t>(cur_);
    aligned = (p + align - 1) & ~(std::uintptr_t(align) - 1);
  }
  cur_ = reinterpret_cast<char*>(aligned + bytes);
  return reinterpret_cast<void*>(aligned);
}

std::string_view Arena::copy(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void Arena::reset() {
  if (!head_) return;
  // Keep only the largest (most recent) block: documents of similar size then
  // parse without touching malloc at all.
  Block* keep = head_;
  Block* b = head_->next;
  while (b) {
    Block* next = b->next;
    std::free(b);
    b = next;
  }
  keep->next = nullptr;
  head_ = keep;
  cur_ = keep->data();
  end_ = cur_ + keep->size;
}

}  // namespace crashsig
