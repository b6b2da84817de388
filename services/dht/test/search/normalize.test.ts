import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  foldText,
  keywordKey,
  keywordsOf,
  MAX_KEYWORDS_PER_FILE,
  MAX_WORD_CHARS,
  wordsOf,
} from '../../src/search/normalize.ts'
import { InvalidQueryError, MAX_QUERY_CHARS, parseQuery, queryKeywords } from '../../src/search/query.ts'

/** Text with letters, accents, digits, separators and mixed case. */
const text = fc.string({
  unit: fc.constantFrom(...'aAeEéÉèçÇñÑüÜøß0123456789 _-.,!İ日本'.split(''), 'e\u0301', 'A\u030a'),
  maxLength: 60,
})

test('folding is idempotent and words are lower-case runs of letters and digits', () => {
  fc.assert(
    fc.property(text, (t) => {
      assert.equal(foldText(foldText(t)), foldText(t))
      for (const w of wordsOf(t)) {
        assert.match(w, /^[\p{L}\p{N}]+$/u)
        assert.equal(w, foldText(w))
        assert.ok([...w].length <= MAX_WORD_CHARS)
      }
      assert.deepEqual(wordsOf(foldText(t)), wordsOf(t))
      assert.deepEqual(wordsOf(wordsOf(t).join(' ')), wordsOf(t))
    }),
  )
})

test('case and accents do not matter; composed and decomposed forms are equal', () => {
  fc.assert(
    fc.property(text, (t) => {
      assert.deepEqual(wordsOf(t.toUpperCase()), wordsOf(t.toLowerCase()))
      assert.deepEqual(wordsOf(t.normalize('NFD')), wordsOf(t.normalize('NFC')))
    }),
  )
  assert.deepEqual(wordsOf('Café_Noir-ÉTÉ.mp3'), ['cafe', 'noir', 'ete', 'mp3'])
  assert.deepEqual(wordsOf('Ångström  2024'), ['angstrom', '2024'])
  assert.deepEqual(wordsOf('a.a.A'), ['a'])
})

test('keywords: name and tag words plus 3-character prefix keys, bounded', () => {
  assert.deepEqual(keywordsOf({ name: 'Holiday Photos.zip', tags: ['Beach'] }), [
    'holiday',
    'photos',
    'zip',
    'beach',
    'hol*',
    'pho*',
    'zip*',
    'bea*',
  ])
  fc.assert(
    fc.property(text, fc.array(text, { maxLength: 8 }), (name, tags) => {
      const k = keywordsOf({ name, tags })
      assert.ok(k.length <= MAX_KEYWORDS_PER_FILE)
      assert.equal(new Set(k).size, k.length)
      const words = wordsOf([name, ...tags].join(' '))
      // Full words come first, so a file is always findable by the first words of its name.
      assert.deepEqual(k.slice(0, Math.min(words.length, MAX_KEYWORDS_PER_FILE)), words.slice(0, MAX_KEYWORDS_PER_FILE))
    }),
  )
  assert.notDeepEqual(keywordKey('abc'), keywordKey('abc*'))
  assert.equal(keywordKey('holiday').length, 32)
})

test('queries: empty, overlong, control characters and too many words are refused with clear errors', () => {
  assert.throws(
    () => parseQuery(''),
    (e: Error) => e instanceof InvalidQueryError && /empty/.test(e.message),
  )
  assert.throws(
    () => parseQuery('  ..  '),
    (e: InvalidQueryError) => e.code === 'INVALID_ARGUMENT',
  )
  assert.throws(() => parseQuery('x'.repeat(MAX_QUERY_CHARS + 1)), /limit is 200/)
  assert.throws(() => parseQuery('cats\ndogs'), /control characters/)
  assert.throws(() => parseQuery('a\u0000'), /control characters/)
  assert.throws(() => parseQuery('a b c d e f g h i'), /9 words/)
  assert.deepEqual(parseQuery('  Café  crème '), { words: ['cafe', 'creme'], prefix: false })
})

test('query keywords: full words as they are, a prefix word by its prefix key', () => {
  assert.deepEqual(queryKeywords(parseQuery('holiday pho', { prefix: true })), ['holiday', 'pho*'])
  assert.deepEqual(queryKeywords(parseQuery('holiday photos', { prefix: true })), ['holiday', 'pho*'])
  assert.deepEqual(queryKeywords(parseQuery('holiday ph', { prefix: true })), ['holiday', 'ph'])
  assert.deepEqual(queryKeywords(parseQuery('holiday photos')), ['holiday', 'photos'])
})
