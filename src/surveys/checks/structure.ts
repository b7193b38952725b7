import type { FindingList } from '../findings';
import type { Survey } from '../schema';
import { isQuestion, QUESTION_KINDS } from '../steps';

/**
 * Checks the order and identity of steps: unique ids, at most one consent step and only first, a
 * closing step only last, at least one question, and `saveAs` keys that cannot be mistaken for
 * another step's answer.
 */
export function checkStructure(survey: Survey, findings: FindingList): void {
  checkUniqueIds(survey, findings);
  checkConsentStep(survey, findings);
  checkClosingStep(survey, findings);
  checkSaveAsKeys(survey, findings);

  if (!survey.steps.some(isQuestion)) {
    findings.error(
      { field: 'steps' },
      `no question; add at least one step of kind ${QUESTION_KINDS.join(', ')}`,
    );
  }
}

function checkUniqueIds(survey: Survey, findings: FindingList): void {
  const firstIndex = new Map<string, number>();
  survey.steps.forEach((step, index) => {
    const earlier = firstIndex.get(step.id);
    if (earlier === undefined) {
      firstIndex.set(step.id, index);
      return;
    }
    findings.error(
      { stepIndex: index, field: 'id' },
      `"${step.id}" is already the id of the step at index ${earlier}; step ids must be unique`,
    );
  });
}

function checkConsentStep(survey: Survey, findings: FindingList): void {
  survey.steps.forEach((step, index) => {
    if (step.kind !== 'consent') return;
    if (index > 0) {
      findings.error(
        { stepIndex: index, field: 'kind' },
        'a consent step must be the first step, and a survey has at most one',
      );
    }
    if (step.when !== undefined) {
      findings.error({ stepIndex: index, field: 'when' }, 'a consent step is always asked');
    }
  });

  // Whatever the legal basis, respondents are told who asks, why and for how long, and can say
  // no, before any answer is processed.
  if (survey.steps[0]?.kind !== 'consent') {
    findings.error(
      { field: 'steps' },
      'the first step must be a consent step that states the controller, purpose and retention',
    );
  }
}

function checkClosingStep(survey: Survey, findings: FindingList): void {
  const last = survey.steps.length - 1;
  survey.steps.forEach((step, index) => {
    if (step.kind === 'closing' && index !== last) {
      findings.error(
        { stepIndex: index, field: 'kind' },
        `a closing step must be the last step (index ${last})`,
      );
    }
  });
}

/**
 * Text steps may share a `saveAs` key with each other, or with a text step's id, so that worded
 * variants fill one field. A key equal to the id of another kind of step would overwrite or
 * shadow that step's answer.
 */
function checkSaveAsKeys(survey: Survey, findings: FindingList): void {
  survey.steps.forEach((step, index) => {
    if (step.kind !== 'text' || step.saveAs === undefined) return;

    const otherIndex = survey.steps.findIndex(
      (other) => other.id === step.saveAs && other.kind !== 'text',
    );
    const other = survey.steps[otherIndex];
    if (other === undefined) return;
    findings.error(
      { stepIndex: index, field: 'saveAs' },
      `"${step.saveAs}" is the id of the ${other.kind} step at index ${otherIndex}; ` +
        'a saveAs key may only equal the id of a text step',
    );
  });
}
