/**
 * The constants (and their named types) of a few standard packages that map literals use:
 * `math.MaxInt8`, `math.Pi`, `time.Second`, `time.January`, `utf8.RuneError`, ... Their
 * declarations are copied from Go 1.19's sources (BSD license, The Go Authors) and evaluated by the
 * same checker as the user's file, so `math.MaxInt` follows GOARCH as `intSize` does in Go.
 *
 * A name not listed here (a function, a variable, another package) stays something we do not
 * evaluate.
 */
import type { Parser } from 'web-tree-sitter';
import { Env, packageEnv } from './env';

const sources: Record<string, string> = {
  math: `package math

const (
	E   = 2.71828182845904523536028747135266249775724709369995957496696763
	Pi  = 3.14159265358979323846264338327950288419716939937510582097494459
	Phi = 1.61803398874989484820458683436563811772030917980576286213544862

	Sqrt2   = 1.41421356237309504880168872420969807856967187537694807317667974
	SqrtE   = 1.64872127070012814684865078781416357165377610071014801157507931
	SqrtPi  = 1.77245385090551602729816748334114518279754945612238712821380779
	SqrtPhi = 1.27201964951406896425242246173749149171560804184009624861664038

	Ln2    = 0.693147180559945309417232121458176568075500134360255254120680009
	Log2E  = 1 / Ln2
	Ln10   = 2.30258509299404568401799145468436420760110148862877297603332790
	Log10E = 1 / Ln10
)

const (
	MaxFloat32             = 0x1p127 * (1 + (1 - 0x1p-23))
	SmallestNonzeroFloat32 = 0x1p-126 * 0x1p-23

	MaxFloat64             = 0x1p1023 * (1 + (1 - 0x1p-52))
	SmallestNonzeroFloat64 = 0x1p-1022 * 0x1p-52
)

const (
	intSize = 32 << (^uint(0) >> 63)

	MaxInt    = 1<<(intSize-1) - 1
	MinInt    = -1 << (intSize - 1)
	MaxInt8   = 1<<7 - 1
	MinInt8   = -1 << 7
	MaxInt16  = 1<<15 - 1
	MinInt16  = -1 << 15
	MaxInt32  = 1<<31 - 1
	MinInt32  = -1 << 31
	MaxInt64  = 1<<63 - 1
	MinInt64  = -1 << 63
	MaxUint   = 1<<intSize - 1
	MaxUint8  = 1<<8 - 1
	MaxUint16 = 1<<16 - 1
	MaxUint32 = 1<<32 - 1
	MaxUint64 = 1<<64 - 1
)
`,
  'math/bits': `package bits

const uintSize = 32 << (^uint(0) >> 63)

const UintSize = uintSize
`,
  time: `package time

type Month int

const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

type Duration int64

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)
`,
  unicode: `package unicode

const (
	MaxRune         = '\\U0010FFFF'
	ReplacementChar = '\\uFFFD'
	MaxASCII        = '\\u007F'
	MaxLatin1       = '\\u00FF'
)

const (
	UpperCase = iota
	LowerCase
	TitleCase
	MaxCase
)
`,
  'unicode/utf8': `package utf8

const (
	RuneError = '\\uFFFD'
	RuneSelf  = 0x80
	MaxRune   = '\\U0010FFFF'
	UTFMax    = 4
)
`,
};

/** The standard packages whose constants we know, by import path. */
export const knownPackages = Object.keys(sources);

const cache = new WeakMap<Parser, Map<string, Env>>();

/**
 * The package block of a known standard package (parsed once per parser; its tree is kept, as
 * its constants are evaluated from their syntax). Named types are renamed `time.Duration`, as the
 * compiler prints them.
 */
export function stdPackageEnv(parser: Parser, path: string): Env | undefined {
  const source = sources[path];
  if (source === undefined) return undefined;
  let envs = cache.get(parser);
  if (!envs) cache.set(parser, (envs = new Map()));
  let env = envs.get(path);
  if (!env) {
    const tree = parser.parse(source);
    if (!tree) return undefined;
    env = packageEnv(tree.rootNode);
    const pkgName = path.split('/').pop()!;
    for (const t of env.types.namedTypes()) if (t.kind === 'named' && !t.name.includes('.')) t.name = `${pkgName}.${t.name}`;
    envs.set(path, env);
  }
  return env;
}
