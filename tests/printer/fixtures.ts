// Fixed documents for the printer tests, the rendered examples in docs/receipts and the benchmark.
import type { ApplicationReceiptInput } from '../../src/domain/receiptTemplate';

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
    { name: '近期免冠证件照片（电子）', status: 'received' },
    { name: '户口簿', form: '原件', status: 'toSubmit' },
  ],
  timeLimit: { value: 15, unit: '工作日' },
  queryUrl: 'https://zwfw.example.cn/q',
  consultPhone: '12333',
};

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?=.)/g, '$1 ').toUpperCase();
