/*
 * A SQLite extension with one function, rowboat_csv_line(delimiter, kinds, v1, ..., vn): one row's
 * CSV line, spelled as Rowboat's codec spells it, or NULL where only the codec knows the spelling
 * (the page is then read again and formatted in JavaScript). It does in C what the SQL expression
 * of src/main/engine/transfer/export/sqlite-csv.ts (csvCellSql) does, cell for cell, so SQLite's
 * thread writes an export's lines about as fast as the sqlite3 shell writes its own.
 *
 * kinds: one letter per value. 't' text as it is; 'T' text a spreadsheet-safe export prefixes when
 * it starts like a formula (left to the codec); 'b' a boolean column (0/1 become the words); 'f' a
 * float column (only reals are spelled here).
 *
 * transfer-export-exact.test.ts holds the lines to the reference path's bytes.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The finished field, or NULL_LINE where the codec must spell the cell. */
#define NULL_LINE (-1)

typedef struct {
  const unsigned char *bytes;
  int length;
  /* Numbers are quoted only when the delimiter is one of their characters. */
  int inNumbers;
  /* The words, quoted when the delimiter is one of their letters (as csv-stringify does). */
  const char *trueWord;
  const char *falseWord;
} Delimiter;

/* Whether text holds the delimiter, a quote, CR or LF: csv-stringify then quotes the field. */
static int needsQuotes(const unsigned char *text, int length, const Delimiter *d) {
  for (int i = 0; i < length; i++) {
    unsigned char c = text[i];
    if (c == '"' || c == '\r' || c == '\n') return 1;
    if (c == d->bytes[0] && i + d->length <= length && memcmp(text + i, d->bytes, d->length) == 0) return 1;
  }
  return 0;
}

/* Writes text as a CSV field at out (room for 2 * length + 2 bytes); returns the bytes written. */
static int writeField(char *out, const unsigned char *text, int length, const Delimiter *d) {
  if (length == 0) {
    memcpy(out, "\"\"", 2);
    return 2;
  }
  if (!needsQuotes(text, length, d)) {
    memcpy(out, text, length);
    return length;
  }
  int n = 0;
  out[n++] = '"';
  for (int i = 0; i < length; i++) {
    if (text[i] == '"') out[n++] = '"';
    out[n++] = (char)text[i];
  }
  out[n++] = '"';
  return n;
}

static int writeNumber(char *out, const char *text, const Delimiter *d) {
  int length = (int)strlen(text);
  if (d->inNumbers) return writeField(out, (const unsigned char *)text, length, d);
  memcpy(out, text, length);
  return length;
}

/* What escapeFormula looks for at the start of a value: = + - @ tab CR, or their full-width forms. */
static int startsLikeFormula(const unsigned char *text, int length) {
  if (length == 0) return 0;
  switch (text[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r':
      return 1;
  }
  /* U+FF1D U+FF0B U+FF0D U+FF20 in UTF-8 */
  return length >= 3 && text[0] == 0xEF && text[1] == 0xBC && (text[2] == 0x9D || text[2] == 0x8B || text[2] == 0x8D || text[2] == 0xA0);
}

/*
 * A real's text where it is certainly JavaScript's shortest spelling: 15 significant digits that
 * read back as the same double, between 1e-4 and 1e15 (where %g writes no exponent; two decimals
 * of at most 15 digits are never the same double), and positive zero. 0 where it is not.
 */
static int realText(double value, char *out) {
  double magnitude = fabs(value);
  if (value == 0) {
    if (signbit(value)) return 0;
    strcpy(out, "0");
    return 1;
  }
  if (!(magnitude >= 1e-4 && magnitude < 1e15)) return 0;
  /* strtod reads the locale's decimal point; sqlite3_snprintf always writes '.'. */
  const struct lconv *locale = localeconv();
  if (locale->decimal_point[0] != '.' || locale->decimal_point[1] != 0) return 0;
  sqlite3_snprintf(32, out, "%.15g", value);
  return strtod(out, NULL) == value;
}

/* One cell's field at out; its length, or NULL_LINE. */
static int writeCell(char *out, sqlite3_value *value, char kind, const Delimiter *d) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL:
      return 0;
    case SQLITE_INTEGER: {
      sqlite3_int64 integer = sqlite3_value_int64(value);
      if (kind == 'f') return NULL_LINE;
      if (kind == 'b') {
        const char *word = integer == 1 ? d->trueWord : integer == 0 ? d->falseWord : NULL;
        if (!word) return NULL_LINE;
        int length = (int)strlen(word);
        memcpy(out, word, length);
        return length;
      }
      if (kind == 'T' && integer < 0) return NULL_LINE;
      char text[32];
      sqlite3_snprintf(sizeof text, text, "%lld", integer);
      return writeNumber(out, text, d);
    }
    case SQLITE_FLOAT: {
      if (kind == 'b') return NULL_LINE;
      char text[32];
      if (!realText(sqlite3_value_double(value), text)) return NULL_LINE;
      return writeNumber(out, text, d);
    }
    case SQLITE_TEXT: {
      if (kind == 'b' || kind == 'f') return NULL_LINE;
      const unsigned char *text = sqlite3_value_text(value);
      int length = sqlite3_value_bytes(value);
      if (!text) return NULL_LINE;
      if (kind == 'T' && startsLikeFormula(text, length)) return NULL_LINE;
      return writeField(out, text, length, d);
    }
    default:
      return NULL_LINE;
  }
}

/* The most bytes a cell's field can take: text doubled and quoted, or a number's text, quoted. */
static sqlite3_int64 cellRoom(sqlite3_value *value) {
  int type = sqlite3_value_type(value);
  if (type == SQLITE_TEXT) return 2 * (sqlite3_int64)sqlite3_value_bytes(value) + 2;
  return 2 * 32 + 2;
}

static void csvLine(sqlite3_context *context, int argc, sqlite3_value **argv) {
  if (argc < 2 || sqlite3_value_type(argv[0]) != SQLITE_TEXT || sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
    sqlite3_result_error(context, "rowboat_csv_line(delimiter, kinds, values...): delimiter and kinds must be text", -1);
    return;
  }
  Delimiter d;
  d.bytes = sqlite3_value_text(argv[0]);
  d.length = sqlite3_value_bytes(argv[0]);
  const char *kinds = (const char *)sqlite3_value_text(argv[1]);
  int cells = argc - 2;
  if (d.length < 1 || !kinds || sqlite3_value_bytes(argv[1]) != cells) {
    sqlite3_result_error(context, "rowboat_csv_line: one delimiter character and one kind per value are needed", -1);
    return;
  }
  d.inNumbers = d.length == 1 && strchr("0123456789-.", d.bytes[0]) != NULL;
  int inWords = d.length == 1 && d.bytes[0] != 0;
  d.trueWord = inWords && strchr("true", d.bytes[0]) ? "\"true\"" : "true";
  d.falseWord = inWords && strchr("false", d.bytes[0]) ? "\"false\"" : "false";

  sqlite3_int64 room = 1;
  for (int i = 0; i < cells; i++) room += cellRoom(argv[i + 2]) + d.length;
  char *line = sqlite3_malloc64(room);
  if (!line) {
    sqlite3_result_error_nomem(context);
    return;
  }
  sqlite3_int64 length = 0;
  for (int i = 0; i < cells; i++) {
    if (i > 0) {
      memcpy(line + length, d.bytes, d.length);
      length += d.length;
    }
    int written = writeCell(line + length, argv[i + 2], kinds[i], &d);
    if (written == NULL_LINE) {
      sqlite3_free(line);
      sqlite3_result_null(context);
      return;
    }
    length += written;
  }
  sqlite3_result_text64(context, line, length, sqlite3_free, SQLITE_UTF8);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_rowboatcsv_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  (void)error;
  SQLITE_EXTENSION_INIT2(api);
  return sqlite3_create_function(db, "rowboat_csv_line", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, csvLine, NULL, NULL);
}
