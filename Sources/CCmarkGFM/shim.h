#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
// cmark's own buffer and text escaping, so HTML we put in the tree for a run of text is escaped
// byte for byte as cmark's renderer escapes a text node.
#include <cmark-gfm/buffer.h>
#include <cmark-gfm/houdini.h>
