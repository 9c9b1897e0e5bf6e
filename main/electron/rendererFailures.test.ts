import { describe, expect, it } from 'vitest';
import { outOfServiceHtml } from './outOfServicePage';
import { createRendererFailurePolicy } from './rendererFailures';

const minute = 60_000;

function moving() {
  let now = 1_000_000;
  return { clock: { now: () => now }, advance: (ms: number) => (now += ms) };
}

describe('renderer failure policy', () => {
  it('reloads the first two failures and goes out of service at the third within 10 minutes', () => {
    const t = moving();
    const policy = createRendererFailurePolicy({ clock: t.clock });
    expect(policy.record('crashed')).toBe('reload');
    t.advance(4 * minute);
    expect(policy.record('unresponsive')).toBe('reload');
    t.advance(5 * minute + 59_999);
    expect(policy.isOutOfService()).toBe(false);
    expect(policy.record('crashed')).toBe('outOfService');
    expect(policy.isOutOfService()).toBe(true);
    expect(policy.restRemainingMs()).toBe(30 * minute);
  });

  it('forgets failures older than 10 minutes: three failures spread wider only reload', () => {
    const t = moving();
    const policy = createRendererFailurePolicy({ clock: t.clock });
    expect(policy.record('crashed')).toBe('reload');
    t.advance(6 * minute);
    expect(policy.record('crashed')).toBe('reload');
    t.advance(4 * minute); // the first is now exactly 10 minutes old: outside the window
    expect(policy.record('crashed')).toBe('reload');
    expect(policy.recent()).toBe(2);
  });

  it('stays out of service for 30 minutes whatever happens, then tries again with a clean count', () => {
    const t = moving();
    const policy = createRendererFailurePolicy({ clock: t.clock });
    for (let i = 0; i < 3; i++) policy.record('crashed');
    t.advance(29 * minute);
    expect(policy.record('crashed')).toBe('outOfService'); // the 暂停服务 page itself failing changes nothing
    expect(policy.restRemainingMs()).toBe(minute);
    t.advance(minute);
    expect(policy.isOutOfService()).toBe(false);
    expect(policy.restRemainingMs()).toBeNull();
    expect(policy.record('crashed')).toBe('reload');
  });

  it('takes its limit and window from the options', () => {
    const t = moving();
    const policy = createRendererFailurePolicy({ clock: t.clock, limit: 2, windowMs: minute, restMs: 5 * minute });
    expect(policy.record('crashed')).toBe('reload');
    expect(policy.record('crashed')).toBe('outOfService');
    expect(policy.restRemainingMs()).toBe(5 * minute);
  });
});

describe('the 暂停服务 page', () => {
  it('says out of service and gives the hotline, in the kiosk language and English, with no script', () => {
    const zhCN = outOfServiceHtml('zh-CN');
    expect(zhCN).toContain('暂停服务');
    expect(zhCN).toContain('12345');
    expect(zhCN).toContain('Out of service');
    expect(outOfServiceHtml('zh-TW')).toContain('暫停服務');
    expect(outOfServiceHtml('en').match(/<h1>Out of service<\/h1>/g)).toHaveLength(1); // English once when it is the kiosk language
    expect(zhCN).not.toMatch(/<script/i);
    expect(zhCN).toContain("default-src 'none'");
  });
});
