// Sample documents for previews (docs/receipts), tests and the benchmark. Synthetic person: the ID number is
// the spec's Wuhan-style test value with a different sequence, not a real resident.
import type { ApplicationReceiptInput, ServiceGuideInput } from '../../src/domain/receiptTemplate';
import type { StatusSlipInput } from '../../src/domain/statusSlip';

export const sampleReceipt: ApplicationReceiptInput = {
  receiptNo: '420102-001-0K3M9QX',
  serviceName: '社会保障卡申领',
  handlingCity: '黄石市',
  handlingDepartment: '人力资源和社会保障局',
  receivedAtPlace: '武汉市江岸区百步亭政务小屋',
  receivedAt: '2026-11-22T06:05:00Z',
  applicantName: '张小三',
  applicantIdNumber: '420102199003071234',
  mode: '异地代收代办',
  materials: [
    { name: '居民身份证', form: '原件', status: 'verified' },
    { name: '近期免冠证件照片（电子）', status: 'exempt' }, // the handling city uses the photo on file: no camera here
    { name: '户口簿', form: '原件', status: 'toSubmit' },
  ],
  timeLimit: { value: 15, unit: '工作日' },
  queryUrl: 'https://hub.example.cn/zw', // the hub's public base URL: the QR opens <it>/q/<receiptNo>
  consultPhone: '12333',
};

export const sampleGuide: ServiceGuideInput = {
  serviceName: '驾驶证期满换证',
  handlingCity: '孝感市',
  department: '公安局交通警察支队车辆管理所',
  conditions: '机动车驾驶证有效期满前90日内申请；可在居住地申请换证。',
  materials: [
    { name: '居民身份证', form: '原件', countOriginal: 1 },
    { name: '机动车驾驶人身体条件证明', countOriginal: 1, note: '体检机构已电子上传的无需提交纸质证明' },
    { name: '近期一寸白底证件照片', countOriginal: 1, required: false, note: '可现场拍摄' },
  ],
  timeLimit: { value: 1, unit: '工作日' },
  fee: '工本费10元',
  delivery: ['窗口领取', '邮政寄递'],
  consultPhone: '12123',
  printedAt: '2026-11-22T06:05:00Z',
};

export const sampleStatusSlip: StatusSlipInput = {
  receiptNo: '420102-001-0K3M9QX',
  serviceName: '社会保障卡申领',
  caseNo: '420200-261122-000042',
  applicantName: '张小三',
  status: 'needsCorrection',
  note: '请补交户口簿首页复印件，送黄石市民之家2楼人社窗口',
  deadline: null,
  updatedAt: '2026-11-24T02:30:00Z',
  asOf: '2026-11-25T01:00:00Z',
  queryUrl: 'https://hub.example.cn/zw',
  printedAt: '2026-11-26T03:15:00Z',
};
