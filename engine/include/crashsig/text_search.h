// crashsig/text_search.h — searching short texts for a byte or a literal, inline.
//
// Frame normalization asks some sixty "is this character here / where is the next
// one" questions per crash, on names of a few dozen bytes, and signature lists ask
// whether a frame holds "abort" or "free". Through
// std::string_view::find each is a call to libc's memchr (and memcmp for every
// candidate of a multi-byte needle), whose set-up for long buffers and
// length-dependent branches cost more than the search: memchr alone was 8% of the
// time to sign a crash. These loops test sixteen bytes at a time with SSE2 and
// never read outside the text.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crashsig {

namespace detail {

#if defined(__SSE2__)
// Bit i set when byte i of the 16 at `p` equals the byte `needle` is made of.
inline unsigned equal_mask(const char* p, __m128i needle) {
  return static_cast<unsigned>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), needle)));
}
#endif

}  // namespace detail

// s.find(c, from): the index of the first `c` at or after `from`, or npos.
inline std::size_t find_byte(std::string_view s, char c, std::size_t from = 0) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = from;
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i needle = _mm_set1_epi8(c);
    for (; i + 16 <= n; i += 16)
      if (const unsigned mask = detail::equal_mask(p + i, needle)) return i + __builtin_ctz(mask);
    if (i >= n) return std::string_view::npos;
    // The last, partial block: the 16 bytes ending at n, less those already tested.
    const std::size_t last = n - 16;
    const unsigned mask = detail::equal_mask(p + last, needle) >> (i - last);
    return mask ? i + __builtin_ctz(mask) : std::string_view::npos;
  }
#endif
  for (; i < n; ++i)
    if (p[i] == c) return i;
  return std::string_view::npos;
}

inline bool contains(std::string_view s, char c) { return find_byte(s, c) != std::string_view::npos; }

// Calls visit(i), in order, for each index i of `s` whose byte is one of `bytes`.
// For a few bytes (each costs a compare per sixteen bytes of text) in a text made
// mostly of others, such as the delimiters of a function name.
template <class Visit>
inline void for_each_byte_of(std::string_view s, std::string_view bytes, Visit&& visit) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  if (n >= 16) {
    // Bit k set when byte k of the 16 at `at` is one of `bytes`.
    const auto mask_at = [&](std::size_t at) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      __m128i hits = _mm_setzero_si128();
      for (const char c : bytes) hits = _mm_or_si128(hits, _mm_cmpeq_epi8(block, _mm_set1_epi8(c)));
      return static_cast<unsigned>(_mm_movemask_epi8(hits));
    };
    for (; i + 16 <= n; i += 16)
      for (unsigned mask = mask_at(i); mask != 0; mask &= mask - 1) visit(i + __builtin_ctz(mask));
    // The last, partial block: the 16 bytes ending at n, less those already visited.
    if (i < n)
      for (unsigned mask = mask_at(n - 16) >> (i - (n - 16)); mask != 0; mask &= mask - 1)
        visit(i + __builtin_ctz(mask));
    return;
  }
#endif
  for (; i < n; ++i)
    if (find_byte(bytes, p[i]) != std::string_view::npos) visit(i);
}

// s.find(needle, from) for a needle of at least two bytes. Candidates are the
// positions where both its first and its last byte are in place, which in names
// made of letters and "::" is rarely more than the match itself.
inline std::size_t find_text(std::string_view s, std::string_view needle, std::size_t from = 0) {
  const std::size_t m = needle.size();
  if (m == 0) return from <= s.size() ? from : std::string_view::npos;
  if (m == 1) return find_byte(s, needle[0], from);
  if (s.size() < m) return std::string_view::npos;
  const char* p = s.data();
  const std::size_t positions = s.size() - m + 1;  // where a match may start
  const char first = needle.front(), last = needle.back();
  // Whether the needle's middle bytes are in place too (the ends already are).
  const auto middle_matches = [&](std::size_t i) { return std::memcmp(p + i + 1, needle.data() + 1, m - 2) == 0; };
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i first_needle = _mm_set1_epi8(first), last_needle = _mm_set1_epi8(last);
  for (; i + 16 <= positions; i += 16) {
    unsigned mask = detail::equal_mask(p + i, first_needle) & detail::equal_mask(p + i + m - 1, last_needle);
    for (; mask != 0; mask &= mask - 1) {
      const std::size_t at = i + __builtin_ctz(mask);
      if (middle_matches(at)) return at;
    }
  }
#endif
  for (; i < positions; ++i)
    if (p[i] == first && p[i + m - 1] == last && middle_matches(i)) return i;
  return std::string_view::npos;
}

inline bool contains(std::string_view s, std::string_view needle) {
  return find_text(s, needle) != std::string_view::npos;
}

}  // namespace crashsig
