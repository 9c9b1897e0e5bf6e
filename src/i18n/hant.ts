// Simplified → Traditional (Taiwan) conversion for the kiosk's own texts: catalogue names and guide prose at
// build time (bin/buildCatalog.ts), division names at start-up. Runs anywhere. No OpenCC package is available,
// so this is a deliberately small table: the characters the catalogue, the division table and the UI use, plus
// common government-service vocabulary. A character not in the table is kept as it is (most characters are the
// same in both scripts); one-to-many characters (复 → 復/複, 制 → 制/製 …) are settled by the phrase list first.
import { hantCharPairs } from './hantTable';

/** Phrases whose characters do not take the default mapping; longest match wins. */
const phrases: Record<string, string> = {
  复印: '複印', 复制: '複製', 复核: '複核', 复查: '複查', 复杂: '複雜', 复审: '複審', 重复: '重複', 答复: '答覆', 回复: '回覆',
  制卡: '製卡', 制证: '製證', 制作: '製作', 印制: '印製', 制发: '製發', 即时制: '即時製',
  干部: '幹部', 标准: '標準', 准确: '準確', 准备: '準備', 准时: '準時', 公里: '公里', 日历: '日曆', 了解: '瞭解',
  标签: '標籤', 收获: '收穫', 周末: '週末', 每周: '每週', 头发: '頭髮', 合并: '合併', 汇总: '彙總', 词汇: '詞彙',
  长征: '長征', 冲印: '沖印', 台湾: '臺灣', 账户: '帳戶', 账号: '帳號', 联系: '聯繫', 关系: '關係', 尽快: '儘快', 宁夏: '寧夏', 后补: '後補', 为准: '為準', 咨询: '諮詢', 注册: '註冊', 周期: '週期',
};
const phraseLengths = [...new Set(Object.keys(phrases).map((p) => p.length))].sort((a, b) => b - a);

const charMap = new Map<string, string>();
for (let i = 0; i + 1 < hantCharPairs.length; i += 2) charMap.set(hantCharPairs[i]!, hantCharPairs[i + 1]!);

/** Converts Simplified Chinese text to Traditional (Taiwan usage for the few variant choices). */
export function toTraditional(text: string): string {
  let out = '';
  let i = 0;
  outer: while (i < text.length) {
    for (const len of phraseLengths) {
      const phrase = phrases[text.slice(i, i + len)];
      if (phrase !== undefined) {
        out += phrase;
        i += len;
        continue outer;
      }
    }
    const ch = text[i]!;
    out += charMap.get(ch) ?? ch;
    i += 1;
  }
  return out;
}

/** True when the table maps this character (for tests and the catalogue build's coverage report). */
export const hasTraditionalMapping = (ch: string): boolean => charMap.has(ch);
