// Reads a feed with the Podcast Index parser (podcast-partytime) and prints, as JSON, what it
// found: the podcast's guid and, per item, the enclosure, transcripts, chapters and people.
// Usage: node report.mjs path/to/feed.xml
import { readFileSync } from "node:fs";
import { parseFeed } from "podcast-partytime";

const xml = readFileSync(process.argv[2], "utf8");
const feed = parseFeed(xml, { allowMissingGuid: false });
if (!feed) {
  console.error("podcast-partytime could not parse the feed");
  process.exit(1);
}
const report = {
  title: feed.title,
  guid: feed.guid ?? null,
  locked: feed.locked ?? null,
  explicit: feed.explicit,
  categories: feed.categories ?? [],
  itunesType: feed.itunesType ?? null,
  items: feed.items.map((item) => ({
    guid: item.guid,
    title: item.title,
    enclosure: item.enclosure,
    duration: item.duration,
    transcripts: (item.podcastTranscripts ?? []).map((t) => ({
      url: t.url,
      type: t.type,
      language: t.language ?? null,
    })),
    chapters: item.podcastChapters ?? null,
    people: (item.podcastPeople ?? []).map((p) => ({ name: p.name, role: p.role, group: p.group })),
  })),
};
console.log(JSON.stringify(report, null, 1));
