import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './config.ts';
import {
  championActivePoints,
  communityParticipationPoints,
  csmCallParticipationPoints,
  dataVolumeTrendPoints,
  emailResponseTimePoints,
  emailResponseTrendPoints,
  execSponsorEngagedPoints,
  featureAdoptionPoints,
  goalsOnTrackPoints,
  integrationActivityPoints,
  leadershipStablePoints,
  licenseUtilizationPoints,
  loginFrequencyPoints,
  meetingAttendancePoints,
  multiThreadedPoints,
  npsPoints,
  renewalIntentPoints,
  reportedValuePoints,
  roiDocumentedPoints,
  stakeholderSentimentPoints,
  supportSentimentPoints,
  trainingAttendancePoints,
  usageTrendPoints,
  workflowCompletionPoints,
} from './points.ts';

const bands = DEFAULT_MODEL.bands;
const T = 20_000;
const OLD = T - 365;

describe('usage_trend', () => {
  const trend = (last: number, prior: number, start = OLD) =>
    usageTrendPoints(last, prior, start, T, bands.usage_trend);

  it('is Stable at exactly +10 % and Expanding one event above', () => {
    expect(trend(110, 100)).toBe(70); // 110/100 − 1 = +10 %: not above +10 %
    expect(trend(111, 100)).toBe(100); // +11 %
    expect(trend(109, 100)).toBe(70);
  });

  it('does not let float division push +10 % into Expanding', () => {
    // 11/10 − 1 is 0.10000000000000009 in floating point; exactly +10 % on paper.
    expect(11 / 10 - 1 > 0.1).toBe(true);
    expect(trend(11, 10)).toBe(70);
  });

  it('is Stable at exactly −10 % and Declining one event below', () => {
    expect(trend(90, 100)).toBe(70);
    expect(trend(89, 100)).toBe(40); // −11 %
    expect(trend(91, 100)).toBe(70);
  });

  it('is Declining at exactly −25 % and Critical one event below', () => {
    expect(trend(75, 100)).toBe(40);
    expect(trend(74, 100)).toBe(10); // −26 %
    expect(trend(76, 100)).toBe(40);
  });

  it('scores a dead fortnight 0 and a restart after an empty one 70', () => {
    expect(trend(0, 100)).toBe(0);
    expect(trend(0, 0)).toBe(0);
    expect(trend(5, 0)).toBe(70);
  });

  it('is missing when the account started after t−27', () => {
    expect(trend(100, 100, T - 26)).toBeNaN();
    expect(trend(100, 100, T - 27)).toBe(70);
  });

  it('is missing without values', () => {
    expect(trend(NaN, 100)).toBeNaN();
    expect(trend(100, NaN)).toBeNaN();
  });

  it('follows edited edges and points', () => {
    const edited = {
      ...bands.usage_trend,
      expandingAbove: 20,
      points: { ...bands.usage_trend.points, stable: 65 },
    };
    expect(usageTrendPoints(120, 100, OLD, T, edited)).toBe(65);
    expect(usageTrendPoints(121, 100, OLD, T, edited)).toBe(100);
  });
});

describe('data_volume_trend', () => {
  it('bands records like usage and is missing without the column', () => {
    const points = (last: number, prior: number) =>
      dataVolumeTrendPoints(last, prior, OLD, T, bands.data_volume_trend);
    expect(points(110, 100)).toBe(70);
    expect(points(111, 100)).toBe(100);
    expect(points(75, 100)).toBe(40);
    expect(points(74, 100)).toBe(10);
    expect(points(NaN, NaN)).toBeNaN();
    expect(dataVolumeTrendPoints(110, 100, T - 20, T, bands.data_volume_trend)).toBeNaN();
  });
});

describe('license_utilization', () => {
  const points = (users: number, seats: number) =>
    licenseUtilizationPoints(users, seats, bands.license_utilization);

  it('bands active users per seat at 80 / 60 / 40 %', () => {
    expect(points(8, 10)).toBe(100);
    expect(points(79, 100)).toBe(70);
    expect(points(60, 100)).toBe(70);
    expect(points(59, 100)).toBe(40);
    expect(points(40, 100)).toBe(40);
    expect(points(39, 100)).toBe(10);
    expect(points(0, 10)).toBe(10);
    expect(points(12, 10)).toBe(100);
  });

  it('is missing when paid seats are empty or 0', () => {
    expect(points(5, NaN)).toBeNaN();
    expect(points(5, 0)).toBeNaN();
  });
});

describe('feature_adoption_depth', () => {
  const points = (used: number, total: number, rows: number) =>
    featureAdoptionPoints(used, total, rows, bands.feature_adoption_depth);

  it('bands core features used at 60 / 40 / 20 %', () => {
    expect(points(6, 10, 50)).toBe(100);
    expect(points(3, 5, 50)).toBe(100); // 3/5 = 60 %
    expect(points(5, 10, 50)).toBe(70);
    expect(points(4, 10, 50)).toBe(70);
    expect(points(3, 10, 50)).toBe(40);
    expect(points(2, 10, 50)).toBe(40);
    expect(points(1, 10, 50)).toBe(10);
  });

  it('is missing without the tables or without feature rows up to t', () => {
    expect(points(NaN, NaN, NaN)).toBeNaN();
    expect(points(3, NaN, 50)).toBeNaN();
    expect(points(3, 10, NaN)).toBeNaN();
    expect(points(0, 10, 0)).toBeNaN();
    expect(points(0, 0, 50)).toBeNaN();
  });

  it('counts a window without rows as none used once the account has history', () => {
    expect(points(0, 10, 12)).toBe(10);
    expect(points(NaN, 10, 12)).toBe(10);
  });
});

describe('login_frequency', () => {
  const points = (dauSum: number, users: number) =>
    loginFrequencyPoints(dauSum, users, bands.login_frequency);

  it('bands DAU/MAU at 0.5 / 0.3 / 0.15', () => {
    // 10 users over 28 days: stickiness = dauSum / 280.
    expect(points(140, 10)).toBe(100); // 0.5
    expect(points(139, 10)).toBe(70);
    expect(points(84, 10)).toBe(70); // 0.3
    expect(points(83, 10)).toBe(40);
    expect(points(42, 10)).toBe(40); // 0.15
    expect(points(41, 10)).toBe(10);
  });

  it('scores no active user as the lowest band, and missing values as missing', () => {
    expect(points(0, 0)).toBe(10);
    expect(points(NaN, 10)).toBeNaN();
  });
});

describe('workflow_completion', () => {
  const points = (started: number, completed: number) =>
    workflowCompletionPoints(started, completed, bands.workflow_completion);

  it('bands completed per started at 80 / 60 / 40 %', () => {
    expect(points(10, 8)).toBe(100);
    expect(points(10, 7)).toBe(70);
    expect(points(10, 6)).toBe(70);
    expect(points(100, 59)).toBe(40);
    expect(points(10, 4)).toBe(40);
    expect(points(100, 39)).toBe(10);
  });

  it('scores more completions than starts as the top band', () => {
    expect(points(4, 6)).toBe(100);
  });

  it('is missing when nothing was started or the columns are absent', () => {
    expect(points(0, 0)).toBeNaN();
    expect(points(0, 3)).toBeNaN();
    expect(points(NaN, NaN)).toBeNaN();
  });
});

describe('integration_activity', () => {
  const points = (connected: number, apiCalls: number) =>
    integrationActivityPoints(connected, apiCalls, bands.integration_activity);

  it('bands connected tools, then API calls', () => {
    expect(points(3, 0)).toBe(100);
    expect(points(2, 0)).toBe(60);
    expect(points(1, 0)).toBe(60);
    expect(points(0, 5)).toBe(40);
    expect(points(0, 0)).toBe(0);
  });

  it('is scored only when the data present decides the band', () => {
    expect(points(3, NaN)).toBe(100);
    expect(points(1, NaN)).toBe(60);
    expect(points(0, NaN)).toBeNaN();
    expect(points(NaN, 5)).toBeNaN();
    expect(points(NaN, NaN)).toBeNaN();
  });
});

describe('email_response_time', () => {
  const points = (counted: number, answered: number, median: number) =>
    emailResponseTimePoints(counted, answered, median, bands.email_response_time);

  it('bands the median at < 24 h and < 72 h', () => {
    expect(points(4, 4, 23.99)).toBe(100);
    expect(points(4, 4, 24)).toBe(60);
    expect(points(4, 4, 71.99)).toBe(60);
    expect(points(4, 4, 72)).toBe(20);
    expect(points(4, 1, Number.POSITIVE_INFINITY)).toBe(20);
  });

  it('scores emails counted but none answered 0, not the slow band', () => {
    expect(points(3, 0, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('is missing without counted emails', () => {
    expect(points(0, 0, NaN)).toBeNaN();
    expect(points(NaN, NaN, NaN)).toBeNaN();
  });
});

describe('email_response_trend', () => {
  const points = (recent: number, prior: number) =>
    emailResponseTrendPoints(recent, prior, bands.email_response_trend);
  const INF = Number.POSITIVE_INFINITY;

  it('bands the ratio at ≤ 1.25× and ≤ 2×', () => {
    expect(points(12.5, 10)).toBe(100); // exactly 1.25×
    expect(points(12.6, 10)).toBe(60);
    expect(points(20, 10)).toBe(60); // exactly 2×
    expect(points(20.1, 10)).toBe(20);
    expect(points(5, 10)).toBe(100);
  });

  it('treats infinite medians as infinitely slow', () => {
    expect(points(INF, 10)).toBe(20);
    expect(points(INF, INF)).toBe(20);
    expect(points(10, INF)).toBe(100);
  });

  it('leaves no room to get faster after a prior median of 0 hours', () => {
    expect(points(0, 0)).toBe(100);
    expect(points(5, 0)).toBe(20);
  });

  it('is missing when either median is', () => {
    expect(points(NaN, 10)).toBeNaN();
    expect(points(10, NaN)).toBeNaN();
  });
});

describe('meeting_attendance', () => {
  const points = (held: number, attended: number) =>
    meetingAttendancePoints(held, attended, bands.meeting_attendance);

  it('is 60 at exactly 80 % and 20 at exactly 50 %', () => {
    expect(points(10, 8)).toBe(60);
    expect(points(5, 4)).toBe(60);
    expect(points(50, 41)).toBe(100); // 82 %
    expect(points(10, 5)).toBe(20);
    expect(points(100, 51)).toBe(60);
    expect(points(10, 0)).toBe(20);
  });

  it('is missing when no meeting was held', () => {
    expect(points(0, 0)).toBeNaN();
    expect(points(NaN, NaN)).toBeNaN();
  });
});

describe('support_sentiment', () => {
  const points = (positive: number, neutral: number, negative: number) =>
    supportSentimentPoints(positive, neutral, negative, bands.support_sentiment);

  it('is the mean of per-ticket points', () => {
    expect(points(1, 0, 1)).toBe(60); // (100 + 20) / 2
    expect(points(2, 1, 0)).toBeCloseTo(260 / 3, 12); // (200 + 60) / 3
    expect(points(0, 3, 0)).toBe(60);
  });

  it('is missing without rated tickets', () => {
    expect(points(0, 0, 0)).toBeNaN();
    expect(points(NaN, NaN, NaN)).toBeNaN();
  });
});

describe('engagement codes and counts', () => {
  it('maps CSM call participation', () => {
    const points = (code: number) => csmCallParticipationPoints(code, bands.csm_call_participation);
    expect([points(2), points(1), points(0)]).toEqual([100, 50, 0]);
    expect(points(NaN)).toBeNaN();
  });

  it('maps community participation', () => {
    const points = (posts: number, views: number) =>
      communityParticipationPoints(posts, views, bands.community_participation);
    expect(points(1, 0)).toBe(100);
    expect(points(0, 3)).toBe(40);
    expect(points(0, 0)).toBe(0);
    expect(points(NaN, NaN)).toBeNaN();
  });

  it('bands trainings attended at 3 and 1', () => {
    const points = (count: number) => trainingAttendancePoints(count, bands.training_attendance);
    expect([points(4), points(3), points(2), points(1), points(0)]).toEqual([100, 100, 50, 50, 0]);
    expect(points(NaN)).toBeNaN();
  });
});

describe('relationship checklist items', () => {
  it('are missing when no contact had started, or without the table', () => {
    for (const started of [0, NaN]) {
      expect(championActivePoints(started, 0)).toBeNaN();
      expect(execSponsorEngagedPoints(started, 0)).toBeNaN();
      expect(multiThreadedPoints(started, 0, bands.multi_threaded)).toBeNaN();
      expect(stakeholderSentimentPoints(started, 0, 0)).toBeNaN();
      expect(leadershipStablePoints(started, 0)).toBeNaN();
    }
  });

  it('score 100 when true and 0 when false', () => {
    expect(championActivePoints(2, 1)).toBe(100);
    expect(championActivePoints(2, 0)).toBe(0);
    expect(execSponsorEngagedPoints(2, 1)).toBe(100);
    expect(execSponsorEngagedPoints(2, 0)).toBe(0);
    expect(multiThreadedPoints(5, 3, bands.multi_threaded)).toBe(100);
    expect(multiThreadedPoints(5, 2, bands.multi_threaded)).toBe(0);
    expect(leadershipStablePoints(3, 0)).toBe(100);
    expect(leadershipStablePoints(3, 1)).toBe(0);
  });

  it('need a positive mean sentiment, and no rated contact is not positive', () => {
    expect(stakeholderSentimentPoints(3, 1, 3)).toBe(100); // mean 1/3
    expect(stakeholderSentimentPoints(3, 0, 3)).toBe(0); // mean 0
    expect(stakeholderSentimentPoints(3, -1, 2)).toBe(0);
    expect(stakeholderSentimentPoints(3, 0, 0)).toBe(0);
    expect(stakeholderSentimentPoints(3, NaN, 0)).toBe(0);
  });

  it('count contacts who have since left as data', () => {
    // One contact started and left: the layer has data, nobody is active.
    expect(championActivePoints(1, 0)).toBe(0);
    expect(multiThreadedPoints(1, 0, bands.multi_threaded)).toBe(0);
  });
});

describe('outcome signals', () => {
  it('map the latest outcome record', () => {
    expect([
      roiDocumentedPoints(1, bands.roi_documented),
      roiDocumentedPoints(0, bands.roi_documented),
    ]).toEqual([100, 0]);
    expect([2, 1, 0].map((code) => goalsOnTrackPoints(code, bands.goals_on_track))).toEqual([
      100, 50, 0,
    ]);
    expect([2, 1, 0].map((code) => reportedValuePoints(code, bands.reported_value))).toEqual([
      100, 50, 0,
    ]);
    expect([2, 1, 0].map((code) => renewalIntentPoints(code, bands.renewal_intent))).toEqual([
      100, 50, 0,
    ]);
    expect(roiDocumentedPoints(NaN, bands.roi_documented)).toBeNaN();
    expect(goalsOnTrackPoints(NaN, bands.goals_on_track)).toBeNaN();
    expect(reportedValuePoints(NaN, bands.reported_value)).toBeNaN();
    expect(renewalIntentPoints(NaN, bands.renewal_intent)).toBeNaN();
  });

  it('turn NPS into (NPS + 100) / 2', () => {
    // 5 promoters, 2 detractors of 10: NPS = 50 − 20 = 30 → 65.
    expect(npsPoints(5, 2, 10)).toBe(65);
    expect(npsPoints(0, 10, 10)).toBe(0); // NPS −100
    expect(npsPoints(10, 0, 10)).toBe(100); // NPS +100
    expect(npsPoints(0, 0, 4)).toBe(50); // only passives: NPS 0
    // 1 promoter, 2 detractors of 3: NPS = −100/3 → (200/3) / 2 = 100/3.
    expect(npsPoints(1, 2, 3)).toBeCloseTo(100 / 3, 12);
    expect(npsPoints(0, 0, 0)).toBeNaN();
    expect(npsPoints(NaN, NaN, NaN)).toBeNaN();
  });
});
