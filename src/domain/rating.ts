// 好差评: the resident's rating after a service (国办发〔2019〕51号, GB/T 39734). Runs anywhere; the hub shares
// the schema. The level is stored by NAME, never by number, because the two national numberings disagree
// (domain.md §3.4): GB/T 39046 A.8 counts 1 = 非常满意 … 5 = 非常不满意, the 好差评 interface counts
// 1 = 非常不满意 … 5 = 非常满意. Numbers appear only on export.
import { z } from 'zod';
import type { MessageKey } from '../i18n/messages/zhCN';
import { applicationIdSchema, divisionCodeSchema } from './ids';

/** Best first, the order the screen shows them in. Never pre-select one. */
export const ratingLevels = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
export type RatingLevel = (typeof ratingLevels)[number];

/** The official wording of each level. */
export const ratingLevelTerms: Record<RatingLevel, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
};

/** 差评: the levels that ask for reasons and trigger a call-back (回访整改). */
export const lowRatingLevels: readonly RatingLevel[] = ['dissatisfied', 'veryDissatisfied'];
export const isLowRating = (level: RatingLevel): boolean => lowRatingLevels.includes(level);

/**
 * Why a resident was not satisfied (optional, several allowed). Kiosk codes: the national evaluation content
 * codes (evalDetail) are nationally versioned and not known here, so the hub maps these on export.
 */
export const ratingReasons = ['slow', 'guideUnclear', 'hardToUse', 'tooManyMaterials', 'deviceFault', 'notAvailable', 'other'] as const;
export type RatingReason = (typeof ratingReasons)[number];

export const ratingLevelLabelKey = (level: RatingLevel): MessageKey => `rating.level.${level}`;
export const ratingReasonLabelKey = (reason: RatingReason): MessageKey => `rating.reason.${reason}`;

/** 评价渠道 pf: 5 = 政务大厅其他终端 / self-service terminal (domain.md §3.4), unless the hub says otherwise. */
export const kioskChannelCode = 5;
/** Longest free-text comment kept (a kiosk keyboard is slow; 200 characters is several sentences). */
export const maxRatingCommentLength = 200;

export const ratingSchema = z
  .object({
    /** The rating's own id (UUIDv7): the idempotency key when it is synced. */
    id: applicationIdSchema,
    /** The outbox application rated, or null for a service without one (a printed guide, a failed attempt). */
    applicationId: applicationIdSchema.nullable(),
    /** Receipt number shown to the resident (办件编号 until the hub assigns a case number); null with no application. */
    receiptNo: z.string().min(4).max(32).nullable(),
    serviceId: z.string().min(1).max(64),
    level: z.enum(ratingLevels),
    reasons: z.array(z.enum(ratingReasons)).max(ratingReasons.length),
    comment: z.string().max(maxRatingCommentLength),
    /** 评价渠道 code. */
    channel: z.number().int().min(1).max(9),
    /** 评价次数: 1 after submission, 2 after the result (承诺件). */
    assessNumber: z.union([z.literal(1), z.literal(2)]),
    ratedAt: z.iso.datetime({ offset: true }),
    /** Division code of the place of evaluation (the kiosk's district). */
    division: divisionCodeSchema,
  })
  .superRefine((rating, ctx) => {
    if (!isLowRating(rating.level) && rating.reasons.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'reasons are only for 不满意 / 非常不满意', path: ['reasons'] });
    }
    if (new Set(rating.reasons).size !== rating.reasons.length) ctx.addIssue({ code: 'custom', message: 'duplicate reason', path: ['reasons'] });
    if ((rating.applicationId === null) !== (rating.receiptNo === null)) {
      ctx.addIssue({ code: 'custom', message: 'applicationId and receiptNo go together', path: ['receiptNo'] });
    }
  });
export type Rating = z.infer<typeof ratingSchema>;

export interface NewRating {
  id: string;
  applicationId: string | null;
  receiptNo: string | null;
  serviceId: string;
  level: RatingLevel;
  reasons?: readonly RatingReason[];
  comment?: string;
  /** Default {@link kioskChannelCode}. */
  channel?: number;
  /** Default 1. */
  assessNumber?: 1 | 2;
  ratedAt: string;
  division: string;
}

/**
 * A comment is free text that travels unsealed (ratings are not personal data): a run of six or more digits —
 * an ID or phone number typed into it despite the hint — is kept only as its length in asterisks.
 */
export const maskNumbers = (text: string): string => text.replace(/\d{6,}[Xx]?/g, (run) => '*'.repeat(run.length));

/**
 * Builds a valid rating from what the screen collected: reasons of a level that is not low are dropped (the
 * resident may have ticked some, then changed the level), duplicates removed, the comment trimmed and its long
 * numbers masked.
 * Throws a ZodError only for programming errors (bad ids, dates, codes).
 */
export function createRating(input: NewRating): Rating {
  const reasons = isLowRating(input.level) ? [...new Set(input.reasons ?? [])] : [];
  return ratingSchema.parse({
    id: input.id,
    applicationId: input.applicationId,
    receiptNo: input.receiptNo,
    serviceId: input.serviceId,
    level: input.level,
    reasons,
    comment: maskNumbers((input.comment ?? '').trim()),
    channel: input.channel ?? kioskChannelCode,
    assessNumber: input.assessNumber ?? 1,
    ratedAt: input.ratedAt,
    division: input.division,
  });
}

/** 好差评 interface `satisfaction`: 5 = 非常满意 … 1 = 非常不满意. */
export const toInterfaceSatisfaction = (level: RatingLevel): 1 | 2 | 3 | 4 | 5 => (5 - ratingLevels.indexOf(level)) as 1 | 2 | 3 | 4 | 5;

/** GB/T 39046 Annex A.8 满意度代码: 1 = 非常满意 … 5 = 非常不满意. */
export const toGbt39046Code = (level: RatingLevel): 1 | 2 | 3 | 4 | 5 => (ratingLevels.indexOf(level) + 1) as 1 | 2 | 3 | 4 | 5;

/** The level of a 好差评 interface satisfaction value (for reading back exports), or undefined when out of range. */
export const fromInterfaceSatisfaction = (value: number): RatingLevel | undefined => (Number.isInteger(value) ? ratingLevels[5 - value] : undefined);

/** The rating as the national 好差评 evaluation record needs it (the hub adds department, item codes and the signature). */
export interface NationalRatingExport {
  projectNo: string | null;
  /** 评价渠道. */
  pf: string;
  /** 整体满意度, interface numbering. */
  satisfaction: string;
  /** Same level in GB/T 39046 A.8 numbering, for the platform's data set. */
  satisfactionCode: string;
  /** The level's official wording. */
  satisfactionName: string;
  /** Kiosk reason codes; the hub maps them to the national evalDetail content codes. */
  kioskReasons: RatingReason[];
  writingEvaluation: string;
  assessNumber: string;
  assessTime: string;
  areaCode: string;
}

export function toNationalExport(rating: Rating): NationalRatingExport {
  return {
    projectNo: rating.receiptNo,
    pf: String(rating.channel),
    satisfaction: String(toInterfaceSatisfaction(rating.level)),
    satisfactionCode: String(toGbt39046Code(rating.level)),
    satisfactionName: ratingLevelTerms[rating.level],
    kioskReasons: [...rating.reasons],
    writingEvaluation: rating.comment,
    assessNumber: String(rating.assessNumber),
    assessTime: rating.ratedAt,
    areaCode: rating.division,
  };
}
