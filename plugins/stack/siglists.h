// The signature lists CSignatureTool uses, read with the engine's list reader.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crashsig/siglists.h"

namespace crashsig::stack {

// The entries of `<dir>/<name>.txt` (see read_list_file). Every line must be UTF-8
// and every entry a valid pattern (sentinels too, as in Socorro). Throws
// ConfigError "<path>:<line>: <reason>" for the first line that is not (line
// numbers from 1), or "<path>: cannot open".
SignatureListFile read_checked_list(const std::string& dir, std::string_view name);
// The check read_checked_list makes on a list already read.
void check_list(const SignatureListFile& file);

// The four lists CSignatureTool uses, as read: each entry with the file and line
// it came from, which traces name.
struct SignatureLists {
  SignatureListFile irrelevant;    // frames to skip
  SignatureListFile prefix;        // frames to keep walking past
  SignatureListFile line_numbers;  // functions that get ":<line>" appended
  SignatureListFile sentinels;     // frames the signature starts at (exact text)

  // The four files of `dir`, each checked as read_checked_list does, in the order
  // above: the first bad file is the one reported.
  static SignatureLists read(const std::string& dir);
};

// The lists ready for a stack walk: the three pattern lists compiled, and the
// sentinels' lengths noted. Immutable and safe to share between threads.
struct CompiledSignatureLists {
  // Throws ConfigError when an entry of a pattern list does not compile.
  explicit CompiledSignatureLists(SignatureLists lists);

  // The sentinel that `frame` is (in read.sentinels.entries), or null.
  const std::string* find_sentinel(std::string_view frame) const;

  const SignatureLists read;  // what the rest was built from; traces name its entries
  const PythonRegexList irrelevant;
  const PythonRegexList prefix;
  const PythonRegexList line_numbers;
  // Bit n set when a sentinel's length is n modulo 64: most frames are ruled out
  // by their length alone.
  const std::uint64_t sentinel_lengths;
};

// The lists of `dir`, read and checked (as SignatureLists::read, with the same
// errors) and compiled. Compiling and checking cost far more than reading, and a
// ruleset's rules each ask for their lists: while one result is in use, any
// call that reads the very same files (same paths, same entries on the same
// lines) gets it back instead of a new one. Comparing what was read, rather
// than file sizes and times, means an edited file is always seen, however
// quickly it was edited. Safe to call from several threads: loads of different
// directories do not wait for one another, and loads of the same files at once
// may each compile them but all get the same copy.
std::shared_ptr<const CompiledSignatureLists> shared_signature_lists(const std::string& dir);

}  // namespace crashsig::stack
