import { isStorableText } from "@/lib/text";
import { DatasetFormatError, type Profiler } from "./profiling";

/**
 * Wraps a profiler so that the bytes it reads must be UTF-8 without NUL: a file in another encoding
 * (Latin-1, UTF-16) or a binary one is refused with the line and byte offset (from 0) of the first
 * bad byte, instead of being profiled with replacement characters. Streaming: a character may be
 * split across chunks. The ranges are those of the WHATWG UTF-8 decoder (no overlongs, no surrogates).
 */
export function strictUtf8(profiler: Profiler): Profiler {
  let offset = 0;
  let line = 1;
  let needed = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let seqStart = 0;
  let seqLine = 1;
  const notUtf8 = (at: number, atLine: number) =>
    new DatasetFormatError(atLine, `byte ${at} is not valid UTF-8: save the file as UTF-8`);

  function check(chunk: Uint8Array) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      const b = chunk[i]!;
      if (needed === 0) {
        if (b < 0x80) {
          if (b === 0x0a) line++;
          else if (b === 0) throw new DatasetFormatError(line, `byte ${offset} is a NUL character, which a dataset may not hold`);
          continue;
        }
        seqStart = offset;
        seqLine = line;
        if (b >= 0xc2 && b <= 0xdf) needed = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
          needed = 2;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
          needed = 3;
        } else throw notUtf8(offset, line);
        continue;
      }
      if (b < lower || b > upper) throw notUtf8(seqStart, seqLine);
      lower = 0x80;
      upper = 0xbf;
      needed--;
    }
  }

  return {
    write(chunk) {
      if (typeof chunk !== "string") check(chunk);
      else if (!isStorableText(chunk)) throw new DatasetFormatError(line, "the text holds a NUL character or an unpaired surrogate");
      profiler.write(chunk);
    },
    end() {
      if (needed > 0) throw notUtf8(seqStart, seqLine);
      return profiler.end();
    },
  };
}
