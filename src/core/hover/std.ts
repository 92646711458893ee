/**
 * A few standard-library types that map keys and values often hold, so a hover on
 * `map[string]time.Time` can lay the bucket out without the `time` package's source. Each is the
 * type's real representation in Go 1.19–1.23 (`src/time/time.go`, `src/sync/mutex.go`, ...);
 * types that are only used behind a pointer are opaque structs.
 */
import { GoType, TypeScope, universe } from '../types';

const t = (name: string): GoType => {
  const e = universe.lookupType(name);
  if (!e) throw new Error(`no predeclared ${name}`);
  return e.get();
};
const named = (name: string, underlying: GoType): GoType => ({ kind: 'named', name, underlying });
const struct = (...fields: Array<[string, GoType]>): GoType => ({
  kind: 'struct',
  fields: fields.map(([name, type]) => ({ name, type, embedded: false })),
});
const ptr = (elem: GoType): GoType => ({ kind: 'pointer', elem });
const iface = (...methods: Array<[string, string]>): GoType => ({
  kind: 'interface',
  methods: methods.map(([name, signature]) => ({ name, signature })),
  embeds: [],
});

const location = named('time.Location', struct());
const mutex = named('sync.Mutex', struct(['state', t('int32')], ['sema', t('uint32')]));
const bytes: GoType = { kind: 'slice', elem: t('byte') };

const declared: Record<string, GoType> = {
  // time.Time: wall uint64, ext int64, loc *Location (24 bytes on amd64, 20 on 386).
  'time.Time': named('time.Time', struct(['wall', t('uint64')], ['ext', t('int64')], ['loc', ptr(location)])),
  'time.Duration': named('time.Duration', t('int64')),
  'time.Location': location,
  'sync.Mutex': mutex,
  // sync.RWMutex: w Mutex, writerSem, readerSem uint32, readerCount, readerWait int32.
  'sync.RWMutex': named(
    'sync.RWMutex',
    struct(['w', mutex], ['writerSem', t('uint32')], ['readerSem', t('uint32')], ['readerCount', t('int32')], ['readerWait', t('int32')]),
  ),
  // sync.Map of Go 1.20-1.23: mu Mutex, read atomic.Pointer[readOnly] (one pointer), dirty map,
  // misses int.
  'sync.Map': named(
    'sync.Map',
    struct(['mu', mutex], ['read', ptr(struct())], ['dirty', { kind: 'map', key: t('any'), elem: ptr(struct()) }], ['misses', t('int')]),
  ),
  'sync.Once': named('sync.Once', struct(['done', t('uint32')], ['m', mutex])),
  'json.RawMessage': named('json.RawMessage', bytes),
  'net.IP': named('net.IP', bytes),
  'uuid.UUID': named('uuid.UUID', { kind: 'array', len: 16, elem: t('byte') }),
  'context.Context': named(
    'context.Context',
    iface(['Deadline', '() (deadline time.Time, ok bool)'], ['Done', '() <-chan struct{}'], ['Err', '() error'], ['Value', '(key any) any']),
  ),
  'io.Reader': named('io.Reader', iface(['Read', '(p []byte) (n int, err error)'])),
  'io.Writer': named('io.Writer', iface(['Write', '(p []byte) (n int, err error)'])),
  'reflect.Type': named('reflect.Type', iface(['Size', '() uintptr'])),
};

/** The universe plus these standard types, as the parent of every file's scope. */
export const stdScope = new TypeScope(universe);
for (const [name, type] of Object.entries(declared)) stdScope.declareType(name, { get: () => type });
