import { SubjectRisk } from '../core/subject-spec';
import { CiSubject } from '../subjects/ci-subject';
/** The role that owns a principal: it hears of every subject added, to give its warnings. */
export interface PrincipalOwner {
  /** The owner's construct path, for errors. */
  readonly path: string;
  /** Called for every subject added, with the warnings for pins the issuer cannot carry. */
  readonly subjectAdded: (subject: CiSubject, unpinned: SubjectRisk[]) => void;
}
