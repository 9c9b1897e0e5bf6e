// 常办事项: the six items the home screen offers first, for residents (many elderly) who should not have to
// browse for the matters they come for most. Chosen by what the kiosk can finish here (apply) and what
// older residents ask for: medical insurance, social security card and certificates, housing fund on retiring.
export type PopularIcon = 'medical' | 'card' | 'certificate' | 'lostCard' | 'retire' | 'insurance';

export const popularItems: readonly { id: string; icon: PopularIcon }[] = [
  { id: 'WHMA-YB-01', icon: 'medical' }, // 异地就医备案
  { id: 'WHMA-SB-01', icon: 'card' }, // 社会保障卡申领
  { id: 'WHMA-SB-02', icon: 'lostCard' }, // 社会保障卡挂失与解挂
  { id: 'WHMA-SB-03', icon: 'certificate' }, // 社会保障卡补换
  { id: 'WHMA-YB-02', icon: 'insurance' }, // 医保关系转移接续
  { id: 'WHMA-GJJ-03', icon: 'retire' }, // 退休提取住房公积金
];
