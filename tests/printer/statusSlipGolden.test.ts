// The status slip from "我的办件" through the real encoder: regression bytes per printer profile (UPDATE_GOLDEN=1
// rewrites them after a reviewed change), and what the printed lines say: the status in the one vocabulary,
// the note, the deadline only while it runs, the "as of" time, the QR to the status page, the name masked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../devices/printer/encoder';
import { getProfile, profileNames } from '../../devices/printer/profiles';
import { caseStatusLabels } from '../../src/domain/caseStatus';
import { buildStatusSlip, type StatusSlipInput } from '../../src/domain/statusSlip';
import { hex, sampleStatusSlip } from './fixtures';

const printed = (slip: StatusSlipInput) => encodeReceipt(buildStatusSlip(slip), getProfile('epson-80')).lines.map((l) => l.text).join('\n');

describe('status slip', () => {
  const dir = new URL('./golden/', import.meta.url);
  it.each(profileNames)('golden bytes on %s', (name) => {
    const file = new URL(`status-slip-${name}.hex`, dir);
    const actual = hex(encodeReceipt(buildStatusSlip(sampleStatusSlip), getProfile(name)).bytes).replace(/((?:[0-9A-F]{2} ){31}[0-9A-F]{2}) /g, '$1\n') + '\n';
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
    }
    expect(existsSync(file), `missing ${file.pathname}; run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('says the status in the same words as the screens, with the note, the as-of time and the name masked', () => {
    const text = printed(sampleStatusSlip);
    expect(text).toContain(`办理状态：${caseStatusLabels.needsCorrection['zh-CN']}`);
    expect(text).toContain('补正要求：');
    expect(text).toContain('户口簿首页');
    expect(text).toContain('截至 2026-11-25 09:00');
    expect(text).toContain('张*三');
    expect(text).not.toContain('张小三');
    expect(text).not.toContain('承诺办结'); // 需补正 stops the clock
    const qr = buildStatusSlip(sampleStatusSlip).lines.find((l) => l.type === 'qr');
    expect(qr).toMatchObject({ data: 'https://hub.example.cn/zw/q/420102-001-0K3M9QX' });
  });

  it('shows the deadline of a completed case, and says when the kiosk never heard from the hub', () => {
    const done = printed({ ...sampleStatusSlip, status: 'completed', note: '证件已寄出', deadline: '2026-12-11' });
    expect(done).toContain('已办结');
    expect(done).toContain('2026-12-11');
    expect(done).toContain('说明：');
    const never = printed({ ...sampleStatusSlip, status: 'received', note: '', asOf: null });
    expect(never).toContain('已收件');
    expect(never).toContain('尚未取得');
  });
});
