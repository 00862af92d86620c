import { describe, expect, it } from 'vitest';
import { classifyOnvifNotification } from './onvif-event-topics.js';

/** A NotificationMessage as the onvif client hands it over (xml2js + linerase: one item is an object, several a list). */
function message(
  topic: string,
  data: ReadonlyArray<readonly [string, unknown]>,
  opts: { op?: string; time?: string | Date; source?: Array<[string, string]> } = {},
) {
  const items = (list: ReadonlyArray<readonly [string, unknown]>) => {
    const mapped = list.map(([Name, Value]) => ({ $: { Name, Value } }));
    return mapped.length === 1 ? mapped[0] : mapped;
  };
  return {
    topic: { _: topic, $: { Dialect: 'http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet' } },
    message: {
      message: {
        $: { UtcTime: opts.time ?? '2024-05-01T12:00:00.000Z', PropertyOperation: opts.op ?? 'Changed' },
        source: { simpleItem: items(opts.source ?? [['VideoSourceConfigurationToken', 'VSC_1']]) },
        ...(data.length ? { data: { simpleItem: items(data) } } : {}),
      },
    },
  };
}

const NOW = Date.parse('2030-01-01T00:00:00Z');
const AT = Date.parse('2024-05-01T12:00:00.000Z');

describe('classifyOnvifNotification: what an ONVIF message means', () => {
  it.each([
    // topic, data, expected kind, active
    ['tns1:RuleEngine/CellMotionDetector/Motion', [['IsMotion', true]], 'motion', true],
    ['tns1:RuleEngine/CellMotionDetector/Motion', [['IsMotion', 'false']], 'motion', false],
    ['tns1:VideoSource/MotionAlarm', [['State', true]], 'motion', true],
    ['tns1:RuleEngine/MotionRegionDetector/Motion', [['State', 'true']], 'motion', true],
    ['tns1:VideoAnalytics/Motion', [['IsMotion', 1]], 'motion', true],
    ['tns1:VideoSource/GlobalSceneChange/ImagingService', [['State', true]], 'tamper', true],
    ['tns1:RuleEngine/TamperDetector/Tamper', [['IsTamper', false]], 'tamper', false],
    ['tns1:VideoSource/ImageTooBlurry/AnalyticsService', [['State', true]], 'tamper', true],
    ['tns1:RuleEngine/FieldDetector/ObjectsInside', [['IsInside', true]], 'onvif', true],
    ['tns1:AudioAnalytics/Audio/DetectedSound', [['IsSoundDetected', 'true']], 'onvif', true],
    ['tns1:Device/Trigger/DigitalInput', [['LogicalState', 'false']], 'onvif', false],
    // a vendor namespace on each part
    ['tnsaxis:VideoSource/tnsaxis:MotionAlarm', [['State', '1']], 'motion', true],
  ] as const)('%s %j → %s %s', (topic, data, kind, active) => {
    const n = classifyOnvifNotification(message(topic, data), NOW);
    expect(n).toMatchObject({ kind, active, atMs: AT, initial: false });
  });

  it('reads the state item by name, not the first boolean-looking one', () => {
    const n = classifyOnvifNotification(
      message('tns1:RuleEngine/MyRuleDetector/PeopleDetect', [
        ['ObjectId', '1'],
        ['State', 'false'],
      ]),
      NOW,
    );
    expect(n).toMatchObject({ kind: 'onvif', active: false });
  });

  it('a detector without a state is a pulse (active null); an ObjectId of 1 is not a state', () => {
    const n = classifyOnvifNotification(message('tns1:RuleEngine/LineDetector/Crossed', [['ObjectId', '1']]), NOW);
    expect(n).toMatchObject({ kind: 'onvif', active: null, topic: 'RuleEngine/LineDetector/Crossed' });
  });

  it('keys a property by topic and source, so two video sources are two properties', () => {
    const a = classifyOnvifNotification(
      message('tns1:VideoSource/MotionAlarm', [['State', true]], { source: [['Source', 'VS_1']] }),
      NOW,
    );
    const b = classifyOnvifNotification(
      message('tns1:VideoSource/MotionAlarm', [['State', true]], { source: [['Source', 'VS_2']] }),
      NOW,
    );
    expect(a!.key).not.toBe(b!.key);
    expect(a!.key).toBe('VideoSource/MotionAlarm|Source=VS_1');
  });

  it('marks the initial state, ends a deleted property, and uses its own clock when the time is missing or bad', () => {
    expect(
      classifyOnvifNotification(message('tns1:VideoSource/MotionAlarm', [['State', true]], { op: 'Initialized' }), NOW),
    ).toMatchObject({
      initial: true,
      active: true,
    });
    expect(
      classifyOnvifNotification(message('tns1:VideoSource/MotionAlarm', [['State', true]], { op: 'Deleted' }), NOW),
    ).toMatchObject({
      active: false,
    });
    expect(
      classifyOnvifNotification(message('tns1:VideoSource/MotionAlarm', [['State', true]], { time: 'yesterday' }), NOW)?.atMs,
    ).toBe(NOW);
    const asDate = classifyOnvifNotification(
      message('tns1:VideoSource/MotionAlarm', [['State', true]], { time: new Date(AT) }),
      NOW,
    );
    expect(asDate?.atMs).toBe(AT);
  });

  it('ignores housekeeping topics, unreadable states and things that are not messages', () => {
    expect(classifyOnvifNotification(message('tns1:Monitoring/ProcessorUsage', [['Value', '0.5']]), NOW)).toBeNull();
    expect(classifyOnvifNotification(message('tns1:Configuration/Profile', [['State', true]]), NOW)).toBeNull();
    expect(classifyOnvifNotification(message('tns1:RecordingConfig/JobState', [['State', 'Active']]), NOW)).toBeNull();
    expect(classifyOnvifNotification(message('tns1:VideoSource/MotionAlarm', [['State', 'maybe']]), NOW)).toBeNull();
    expect(classifyOnvifNotification(null, NOW)).toBeNull();
    expect(classifyOnvifNotification({ topic: {} }, NOW)).toBeNull();
    expect(classifyOnvifNotification('tns1:VideoSource/MotionAlarm', NOW)).toBeNull();
  });
});
