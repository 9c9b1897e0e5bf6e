// What the kiosk can really do for a resident beyond reading the ID card's chip and printing. The research
// draft describes a richer terminal (camera, face matching, signature pad, scanner, live record queries); this
// cabin has none of them. Each catalogue item names the capabilities its full draft description needs
// (`needs`), and its resident texts are rewritten to what happens without them (docs/adr/0012). When a cabin
// gains a device, it is added to `installedCapabilities`, and the items whose needs are then met are the ones
// whose texts may promise it again (the catalogue test checks every text against this list).
import { z } from 'zod';

export const deviceCapabilities = [
  /** 人证比对 / 人脸识别: a camera and a face-matching service. */
  'faceCheck',
  /** 活体检测: liveness detection for remote authentication (认证). */
  'liveness',
  /** Taking an ID-grade photo (现场拍摄). */
  'photo',
  /** Handwritten or electronic signature (签名 / 签署 / 电子签名). */
  'eSignature',
  /** Scanning paper materials for upload (扫描 / 上传). */
  'scanner',
  /** Live queries of a department's records, and printing certificates with its e-seal (查询 / 电子签章). */
  'recordQuery',
] as const;
export type DeviceCapability = (typeof deviceCapabilities)[number];
export const deviceCapabilitySchema = z.enum(deviceCapabilities);

/** What this cabin has: an ID-card reader and a receipt printer only, so none of the above. */
export const installedCapabilities: readonly DeviceCapability[] = [];

/**
 * Words that promise a capability. A clause that also says the work happens elsewhere or cannot happen here
 * (see {@link elsewhere}) is not a promise, e.g. 人像与指纹采集须在受理点完成.
 */
export const capabilityTerms: Record<DeviceCapability, RegExp> = {
  faceCheck: /人证比对|人脸|刷脸|实名认证|人證比對|人臉|實名認證/,
  liveness: /活体|活體/,
  photo: /拍摄|拍照|现场采集|采集\/调用照片|拍攝|現場採集|採集\/調用照片/,
  eSignature: /签名|签署|签字|簽名|簽署|簽字/,
  scanner: /扫描|上传|掃描|上傳/,
  recordQuery: /(?<!进度|進度)查询(?!进度)|(?<!進度)查詢(?!進度)|电子签章|電子簽章|在线生成|在線生成|在线开具|在線開具|核对[^；，、]*状态|核對[^；，、]*狀態/,
};

/** A clause that sends the resident elsewhere for this, or says the kiosk cannot do it. */
const elsewhere = /须在|不能|无法|不可|到场时|受理点|窗口|机关|須在|無法|到場時|受理點|機關/;

/** Capabilities a text promises, clause by clause (clauses end at ；。，). */
export function promisedCapabilities(text: string): DeviceCapability[] {
  const found = new Set<DeviceCapability>();
  for (const clause of text.split(/[；。，;]/)) {
    if (elsewhere.test(clause)) continue;
    for (const capability of deviceCapabilities) if (capabilityTerms[capability].test(clause)) found.add(capability);
  }
  return [...found];
}

/** Needs an item has that this cabin does not meet. */
export const unmetNeeds = (needs: readonly DeviceCapability[], installed: readonly DeviceCapability[] = installedCapabilities): DeviceCapability[] =>
  needs.filter((n) => !installed.includes(n));
