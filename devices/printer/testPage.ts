// The technician's test page (`kioskctl printer test`): Chinese in Chinese mode, a rare character that only a
// GB18030 font has (䶮, FE 9F; not in GBK), aligned label/value columns, a QR, and a cut. If all of that
// prints right, receipts will too.
import type { ReceiptDocument } from '../../src/domain/receipt';
import type { PrinterProfile } from './profiles';

export function buildTestPage(profile: PrinterProfile, now: Date = new Date()): ReceiptDocument {
  const stamp = now.toISOString().replace('T', ' ').slice(0, 19);
  return {
    lines: [
      // 17 columns: double width fits 80 mm (24 per line) but not 58 mm (16), so there only the height doubles.
      { type: 'text', text: '政务小屋 打印测试', align: 'center', bold: true, size: profile.columns >= 34 ? 'double' : 'doubleHeight' },
      { type: 'separator', char: '=' },
      { type: 'row', label: '打印机型：', value: profile.name, bold: false, valueAlign: 'left' },
      { type: 'row', label: '纸宽：', value: `${profile.dotsPerLine} 点 / ${profile.columns} 列`, bold: false, valueAlign: 'left' },
      { type: 'row', label: '二维码：', value: profile.qr.native ? '打印机生成 (GS ( k)' : '主机光栅 (GS v 0)', bold: false, valueAlign: 'left' },
      { type: 'row', label: '时间 (UTC)：', value: stamp, bold: false, valueAlign: 'left' },
      { type: 'separator', char: '-' },
      { type: 'text', text: '生僻字：䶮（GB18030 双字节 FE9F）', align: 'left', bold: false, size: 'normal' },
      { type: 'text', text: '全角符号：，。；：“”（）￥·—①', align: 'left', bold: false, size: 'normal' },
      { type: 'text', text: 'ASCII: 0123456789 ABCxyz !@#%&*', align: 'left', bold: false, size: 'normal' },
      { type: 'row', label: '金额：', value: '￥12.00', bold: false, valueAlign: 'right' },
      { type: 'row', label: '数量：', value: '3 份', bold: false, valueAlign: 'right' },
      { type: 'text', text: '加粗 BOLD', align: 'left', bold: true, size: 'normal' },
      { type: 'text', text: '倍高 TALL', align: 'center', bold: false, size: 'doubleHeight' },
      { type: 'text', text: '右对齐 RIGHT', align: 'right', bold: false, size: 'normal' },
      { type: 'separator', char: '-' },
      { type: 'qr', data: `ZWXW-TEST:${profile.name}`, align: 'center' },
      { type: 'text', text: '扫码应得到 ZWXW-TEST:' + profile.name, align: 'center', bold: false, size: 'normal' },
      { type: 'feed', lines: 1 },
      { type: 'cut' },
    ],
  };
}
