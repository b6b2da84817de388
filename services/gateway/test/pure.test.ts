import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { buildManifest, chunkCid } from '@netswarm/content'
import { NetSwarmError } from '@netswarm/runtime'
import fc from 'fast-check'
import { contentDisposition, sanitizeFileName } from '../src/file-names.ts'
import { toHttpError } from '../src/http/error-mapping.ts'
import { parseRange } from '../src/http/range.ts'
import { parseCid, parseShareLink } from '../src/links.ts'

const manifestCid = buildManifest({
  name: 'x',
  chunks: [{ cid: chunkCid(new Uint8Array([1, 2, 3])), size: 3 }],
}).cid.toString()

describe('parseRange', () => {
  test('single ranges, suffixes and open ends', () => {
    assert.deepEqual(parseRange(undefined, 10), { type: 'none' })
    assert.deepEqual(parseRange('bytes=0-0', 10), { type: 'range', range: { start: 0, end: 0 } })
    assert.deepEqual(parseRange('bytes=3-', 10), { type: 'range', range: { start: 3, end: 9 } })
    assert.deepEqual(parseRange('bytes=-4', 10), { type: 'range', range: { start: 6, end: 9 } })
    assert.deepEqual(parseRange('bytes=-40', 10), { type: 'range', range: { start: 0, end: 9 } })
    assert.deepEqual(parseRange('bytes=2-400', 10), { type: 'range', range: { start: 2, end: 9 } })
  })
  test('unsatisfiable and malformed ranges', () => {
    for (const h of [
      'bytes=10-',
      'bytes=5-2',
      'bytes=-0',
      'bytes=',
      'bytes=a-b',
      'pages=1-2',
      'bytes=1-2,4-5',
      'bytes=-',
    ]) {
      assert.equal(parseRange(h, 10).type, 'unsatisfiable', h)
    }
    assert.equal(parseRange('bytes=0-', 0).type, 'unsatisfiable')
  })
  test('property: every satisfiable range lies inside the file', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.option(fc.nat(2e9)), fc.option(fc.nat(2e9)), (size, a, b) => {
        const r = parseRange(`bytes=${a ?? ''}-${b ?? ''}`, size)
        if (r.type === 'range') {
          assert.ok(r.range.start >= 0 && r.range.start <= r.range.end && r.range.end < size)
        }
      }),
    )
  })
})

describe('file names', () => {
  test('path separators, control characters and dot names are removed', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd')
    assert.equal(sanitizeFileName('C:\\Users\\x\\evil.exe'), 'evil.exe')
    assert.equal(sanitizeFileName('a\u0000b\u001bc\r\n.txt'), 'abc.txt')
    assert.equal(sanitizeFileName('..'), 'download')
    assert.equal(sanitizeFileName('dir/', 'fallback'), 'fallback')
    assert.equal(sanitizeFileName('my\u202egpj.exe'), 'mygpj.exe')
  })
  test('property: sanitized names never contain separators or control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const safe = sanitizeFileName(name)
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
        assert.doesNotMatch(safe, /[/\\\u0000-\u001f\u007f]/)
        assert.ok(safe.length > 0 && safe !== '.' && safe !== '..')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
        assert.doesNotMatch(contentDisposition(name), /[\r\n\u0000]/)
      }),
    )
  })
})

describe('CIDs and links', () => {
  test('bare CIDs, netswarm:// and http share links all give the CID', () => {
    assert.equal(parseCid(manifestCid), manifestCid)
    assert.equal(parseShareLink(` ${manifestCid} `), manifestCid)
    assert.equal(parseShareLink(`netswarm://${manifestCid}`), manifestCid)
    assert.equal(parseShareLink(`http://127.0.0.1:8080/f/${manifestCid}`), manifestCid)
    assert.equal(parseShareLink(`https://share.example/f/${manifestCid}/movie.mp4?download`), manifestCid)
  })
  test('bad links are INVALID_ARGUMENT with a reason', () => {
    const chunk = chunkCid(new Uint8Array([1])).toString()
    for (const bad of ['', 'hello', chunk, 'ftp://x/f/abc', 'http://host/other/path', `netswarm://${chunk}`]) {
      assert.throws(
        () => parseShareLink(bad),
        (err: unknown) => err instanceof NetSwarmError && err.code === 'INVALID_ARGUMENT' && err.message.length > 5,
        bad,
      )
    }
  })
})

describe('error mapping', () => {
  test('typed errors keep their message; others become a bare 500', () => {
    assert.deepEqual(toHttpError(new NetSwarmError('NOT_FOUND', 'gone')), {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'gone' } },
    })
    assert.equal(toHttpError(new NetSwarmError('UNAVAILABLE', 'x')).status, 503)
    const internal = toHttpError(new Error('secret /path/to/file.ts:12'))
    assert.equal(internal.status, 500)
    assert.doesNotMatch(JSON.stringify(internal.body), /secret/)
  })
})
