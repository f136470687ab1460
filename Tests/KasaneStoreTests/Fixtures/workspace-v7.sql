BEGIN TRANSACTION;
CREATE TABLE agency (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(name) > 0),
  field TEXT NOT NULL CHECK (field IN ('高齢', '障がい', '子ども', '困窮', '生活保護', '保健・医療', '教育', '住宅', '環境', '就労', '司法', '地域', '包括')),
  kind TEXT NOT NULL CHECK (kind IN ('庁内', '委託', '外部')),
  mailbox TEXT NOT NULL CHECK (mailbox LIKE '_%@_%'),
  position INTEGER NOT NULL
) STRICT;
INSERT INTO "agency" VALUES('city-jusou','かさね市 福祉政策課 重層的支援推進係','包括','庁内','jusou@city.kasane.example.jp',0);
INSERT INTO "agency" VALUES('shakyo','かさね市社会福祉協議会','包括','委託','takikan@shakyo.kasane.example.jp',1);
INSERT INTO "agency" VALUES('houkatsu-chuo','中央地域包括支援センター','高齢','委託','chuo@houkatsu.kasane.example.jp',2);
INSERT INTO "agency" VALUES('kikan-soudan','基幹相談支援センター','障がい','委託','kikan@soudan.kasane.example.jp',3);
INSERT INTO "agency" VALUES('kodomo-center','こども家庭センター','子ども','庁内','kodomo@city.kasane.example.jp',4);
INSERT INTO "agency" VALUES('jiritsu-soudan','生活困窮者自立相談支援センター','困窮','委託','jiritsu@soudan.kasane.example.jp',5);
INSERT INTO "agency" VALUES('npo-ibasho','NPO法人いばしょ','就労','外部','office@ibasho.example.org',6);
INSERT INTO "agency" VALUES('hogo','かさね市 保護課','生活保護','庁内','hogo@city.kasane.example.jp',7);
INSERT INTO "agency" VALUES('kyoiku','かさね市教育委員会 学校教育課','教育','庁内','gakko@edu.kasane.example.jp',8);
INSERT INTO "agency" VALUES('sumai','すまい建築課','住宅','庁内','sumai@city.kasane.example.jp',9);
INSERT INTO "agency" VALUES('kankyo','環境課','環境','庁内','kankyo@city.kasane.example.jp',10);
INSERT INTO "agency" VALUES('kenko','市民健康課','保健・医療','庁内','kenko@city.kasane.example.jp',11);
INSERT INTO "agency" VALUES('hikikomori-center','県ひきこもり地域支援センター','保健・医療','外部','center@hikikomori.pref.example.jp',12);
INSERT INTO "agency" VALUES('minsei','かさね市民生委員児童委員協議会','地域','外部','minsei@shakyo.kasane.example.jp',13);
CREATE TABLE agency_role (
  agency_id TEXT NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('多機関協働事業者', 'アウトリーチ等事業者', '参加支援事業者', '自治体')),
  PRIMARY KEY (agency_id, role)
) STRICT;
INSERT INTO "agency_role" VALUES('city-jusou','自治体');
INSERT INTO "agency_role" VALUES('shakyo','多機関協働事業者');
INSERT INTO "agency_role" VALUES('shakyo','アウトリーチ等事業者');
INSERT INTO "agency_role" VALUES('npo-ibasho','参加支援事業者');
CREATE TABLE body (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(name) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('重層的支援会議', '支援会議', '地域ケア会議', '要保護児童対策地域協議会', '障害者自立支援協議会', '支援調整会議', 'その他の会議体')),
  position INTEGER NOT NULL
) STRICT;
INSERT INTO "body" VALUES('jusou-kaigi','かさね市重層的支援会議','重層的支援会議',0);
INSERT INTO "body" VALUES('shien-kaigi','かさね市支援会議','支援会議',1);
INSERT INTO "body" VALUES('chiiki-care','中央圏域 地域ケア会議','地域ケア会議',2);
INSERT INTO "body" VALUES('yotaikyo','かさね市要保護児童対策地域協議会','要保護児童対策地域協議会',3);
CREATE TABLE body_member (
  body_id TEXT NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES person(id),
  position INTEGER NOT NULL,
  appointed_on TEXT CHECK (appointed_on IS NULL OR date(appointed_on, '+0 days') = appointed_on),
  confidentiality_acknowledged_on TEXT
    CHECK (confidentiality_acknowledged_on IS NULL
           OR date(confidentiality_acknowledged_on, '+0 days') = confidentiality_acknowledged_on),
  appointment_ends_on TEXT
    CHECK (appointment_ends_on IS NULL OR date(appointment_ends_on, '+0 days') = appointment_ends_on),
  temporary INTEGER NOT NULL DEFAULT 0 CHECK (temporary IN (0, 1)),
  PRIMARY KEY (body_id, person_id),
  CHECK (appointment_ends_on IS NULL OR appointed_on IS NULL OR appointment_ends_on >= appointed_on)
) STRICT;
INSERT INTO "body_member" VALUES('jusou-kaigi','p-shakyo-1',0,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-city-1',1,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-shakyo-2',2,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-ibasho-1',3,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-houkatsu-1',4,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-kikan-1',5,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-kodomo-1',6,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-jiritsu-1',7,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-hogo-1',8,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-kyoiku-1',9,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-sumai-1',10,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-kankyo-1',11,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-kenko-1',12,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('jusou-kaigi','p-hikikomori-1',13,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-shakyo-1',0,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-city-1',1,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-shakyo-2',2,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-houkatsu-1',3,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-kodomo-1',4,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-jiritsu-1',5,'2026-04-01','2026-04-02',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-kikan-1',6,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-kenko-1',7,'2026-04-01','2026-04-01',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-minsei-1',8,'2026-04-01','2026-04-10',NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-sumai-1',9,'2026-10-01',NULL,NULL,0);
INSERT INTO "body_member" VALUES('shien-kaigi','p-hogo-1',10,'2025-04-01','2025-04-01','2026-03-31',0);
INSERT INTO "body_member" VALUES('chiiki-care','p-houkatsu-1',0,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('chiiki-care','p-city-2',1,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('chiiki-care','p-shakyo-1',2,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('chiiki-care','p-minsei-1',3,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('chiiki-care','p-kenko-1',4,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('yotaikyo','p-kodomo-1',0,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('yotaikyo','p-kyoiku-1',1,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('yotaikyo','p-kenko-1',2,NULL,NULL,NULL,0);
INSERT INTO "body_member" VALUES('yotaikyo','p-city-2',3,NULL,NULL,NULL,0);
CREATE TABLE "case_event" (
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  kind TEXT NOT NULL CHECK (kind IN ('opened', 'member_added', 'agency_joined', 'agency_left',
    'consent_granted', 'consent_withdrawn', 'plan_drafted', 'plan_revised', 'contact_logged',
    'end_proposed', 'decision_recorded', 'principal_attendance', 'reopened', 'support_decided')),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  recorded_at TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  PRIMARY KEY (case_id, seq)
) STRICT;
INSERT INTO "case_event" VALUES(1,1,'opened','{"fields":["高齢","障がい","保健・医療"],"involvedAgencies":["houkatsu-chuo","kikan-soudan"],"number":"R8-1","openedOn":"2026-09-01","referredBy":"houkatsu-chuo"}','2026-12-01T16:10:55.713Z','d338dcad5aca69e1603cc75446dec0521923e7512a223cfc355dcbb02f362550');
INSERT INTO "case_event" VALUES(1,2,'member_added','{"isPrincipal":true,"key":"m1","relation":"本人"}','2026-12-01T16:10:55.713Z','8e91e34d11bc1649ac7ebc21d96c89a51cdfb9a4543d21c6ed132e7927d00f8e');
INSERT INTO "case_event" VALUES(1,3,'member_added','{"isPrincipal":false,"key":"m2","relation":"長男"}','2026-12-01T16:10:55.713Z','7abca944967f4485f9a0c75307ccc78d43cd177ee012b716b0dd9e1092223d3e');
INSERT INTO "case_event" VALUES(1,4,'consent_granted','{"formReference":"同意書-R8-001","grantedOn":"2026-09-10","member":"m1","scope":{"agencies":[],"fields":["高齢","障がい","保健・医療","包括"]}}','2026-12-01T16:10:55.713Z','c084c551b015e06ce3ca71ae3d2310010232f4b8b35acf2db1d2eb72d4ac68ea');
INSERT INTO "case_event" VALUES(1,5,'consent_granted','{"formReference":"同意書-R8-002","grantedOn":"2026-09-24","member":"m2","scope":{"agencies":[],"fields":["高齢","障がい","保健・医療","包括"]}}','2026-12-01T16:10:55.713Z','6a4fffea77cf56f90fc538334fa0715556e13f9a5acd803cff86c3f6583375b0');
INSERT INTO "case_event" VALUES(1,6,'plan_drafted','{"draftedOn":"2026-11-10","kind":"多機関協働","services":[{"agency":"houkatsu-chuo","statutory":false,"task":"介護保険サービスの調整"},{"agency":"hikikomori-center","statutory":false,"task":"長男への訪問支援"},{"agency":"shakyo","statutory":true,"task":"長男へのアウトリーチ"}],"urgent":false}','2026-12-01T16:10:55.713Z','0cbd051b093521193d825bee68be5e8f313a7ab5a04df5e6fcfc4a99d3142037');
INSERT INTO "case_event" VALUES(2,1,'opened','{"fields":["高齢","子ども","困窮","教育","住宅","環境"],"involvedAgencies":["kyoiku","kodomo-center","houkatsu-chuo","jiritsu-soudan","sumai","kankyo"],"number":"R8-2","openedOn":"2026-08-20","referredBy":"kyoiku"}','2026-12-01T16:10:55.713Z','ba66d03fa3317676c4eed4fe4289ddad3989988659f78494986af29fbdc83075');
INSERT INTO "case_event" VALUES(2,2,'member_added','{"isPrincipal":true,"key":"m1","relation":"母"}','2026-12-01T16:10:55.713Z','fc84e7df339b519f93da05e2d796239857808d881447cb2fe23df26905e960a2');
INSERT INTO "case_event" VALUES(2,3,'member_added','{"isPrincipal":false,"key":"m2","relation":"長女"}','2026-12-01T16:10:55.713Z','6b8f1f7c60e629b42e1d15511f742acd6a0169b1fe0e24ae859afad8837e49d3');
INSERT INTO "case_event" VALUES(2,4,'member_added','{"isPrincipal":false,"key":"m3","relation":"叔父"}','2026-12-01T16:10:55.713Z','ee98089acda9c136b7fab4c9e83445cbf8dae7fa711d0df405919337ae4cc98c');
INSERT INTO "case_event" VALUES(2,5,'member_added','{"isPrincipal":false,"key":"m4","relation":"祖母"}','2026-12-01T16:10:55.713Z','af2fd1a1b307191f994185928b15c77729fc6a9b52cde892b5d4eb3c402e1985');
INSERT INTO "case_event" VALUES(2,6,'consent_granted','{"formReference":"同意書-R8-003","grantedOn":"2026-09-05","member":"m1","scope":{"agencies":[],"fields":["高齢","子ども","困窮","教育","包括"]}}','2026-12-01T16:10:55.713Z','449b6e649cad561b89d09d4de4c4581141332a9795227489a4bec1a13d8cf4db');
INSERT INTO "case_event" VALUES(2,7,'consent_granted','{"formReference":"同意書-R8-003","grantedOn":"2026-09-05","member":"m2","scope":{"agencies":[],"fields":["高齢","子ども","困窮","教育","包括"]}}','2026-12-01T16:10:55.713Z','e2494f4c86b5891066ee95fb291c298676c01bfe46f3bca2ab0d0548ef1bac26');
INSERT INTO "case_event" VALUES(2,8,'consent_granted','{"formReference":"同意書-R8-004","grantedOn":"2026-09-12","member":"m3","scope":{"agencies":[],"fields":["高齢","子ども","困窮","教育","包括"]}}','2026-12-01T16:10:55.713Z','6c272c62377e565a6a6083d016cc920f86e8e0ebc06f6914fd34f0e4ca501658');
INSERT INTO "case_event" VALUES(2,9,'consent_granted','{"formReference":"同意書-R8-004","grantedOn":"2026-09-12","member":"m4","scope":{"agencies":[],"fields":["高齢","子ども","困窮","教育","包括"]}}','2026-12-01T16:10:55.713Z','8264cbf5c37259bb1cf8f0c3f495157a60a022b19fa5bceb9529b19f5129146a');
INSERT INTO "case_event" VALUES(2,10,'plan_drafted','{"draftedOn":"2026-11-24","kind":"多機関協働","services":[{"agency":"kodomo-center","statutory":false,"task":"長女の見守りと登校支援"},{"agency":"kyoiku","statutory":false,"task":"スクールソーシャルワーカーによる家庭訪問"},{"agency":"jiritsu-soudan","statutory":false,"task":"家計改善支援"},{"agency":"npo-ibasho","statutory":true,"task":"叔父の居場所づくり"}],"urgent":true}','2026-12-01T16:10:55.713Z','6f355ec4eab890d16096e528c0e5f28374cdc624294a629be95abf15acb9553c');
INSERT INTO "case_event" VALUES(3,1,'opened','{"fields":["高齢","環境"],"involvedAgencies":["minsei","houkatsu-chuo","kankyo"],"number":"R8-3","openedOn":"2026-10-05","referredBy":"minsei"}','2026-12-01T16:10:55.713Z','7134bed65a6fa258442939469e9e6fea57960cd3fcd13ee56f34ebca8b59f6b9');
INSERT INTO "case_event" VALUES(3,2,'member_added','{"isPrincipal":true,"key":"m1","relation":"本人"}','2026-12-01T16:10:55.713Z','69fcd6a2d99b029fa430fb74ef184f0590edfe44d0af415706b9fd42c31f2f7c');
INSERT INTO "case_event" VALUES(3,3,'contact_logged','{"by":"houkatsu-chuo","date":"2026-10-07","method":"訪問","reached":false}','2026-12-01T16:10:55.713Z','73ec47a1ca849bacb8c0f84823e709c5ce3b7ef65ea533238e14d62c89f43dfe');
INSERT INTO "case_event" VALUES(3,4,'contact_logged','{"by":"houkatsu-chuo","date":"2026-10-21","method":"手紙","reached":false}','2026-12-01T16:10:55.713Z','5523978e290d3917be3e3516905cbdfef80d63989b95047f3ad4e5566c45a2d2');
INSERT INTO "case_event" VALUES(4,1,'opened','{"fields":["障がい","保健・医療"],"involvedAgencies":["kenko"],"number":"R8-4","openedOn":"2026-10-15","referredBy":"kenko"}','2026-12-01T16:10:55.713Z','0031800efc00e0a04e56bf2411a4370fa2ed4c297bf2750c7a30f21c7619733b');
INSERT INTO "case_event" VALUES(4,2,'member_added','{"isPrincipal":true,"key":"m1","relation":"本人"}','2026-12-01T16:10:55.713Z','c22cbdfd3dbcbc7c8a7f280ffdc2a180ae850c70c528eafc86078ee66f576303');
INSERT INTO "case_event" VALUES(4,3,'contact_logged','{"by":"shakyo","date":"2026-10-20","method":"訪問","reached":false}','2026-12-01T16:10:55.713Z','710f6015481bb86456207aa785b6caed37c00346925d3d72ea612cc50a854b68');
INSERT INTO "case_event" VALUES(4,4,'plan_drafted','{"draftedOn":"2026-11-12","kind":"アウトリーチ等","services":[{"agency":"shakyo","statutory":true,"task":"定期的な訪問と関係づくり"},{"agency":"kenko","statutory":false,"task":"保健師の同行訪問"}],"urgent":false}','2026-12-01T16:10:55.713Z','2e5c233dc7f16d8f7367ab2b43e9619d3e67f22f71f907df589d0592bfedcf02');
INSERT INTO "case_event" VALUES(5,1,'opened','{"fields":["困窮","就労"],"involvedAgencies":["jiritsu-soudan"],"number":"R8-5","openedOn":"2026-04-20","referredBy":"jiritsu-soudan"}','2026-12-01T16:10:55.713Z','e318d00f386b18080d7e91fe5b23ef3d50925f51786aac4967f667ee0415054a');
INSERT INTO "case_event" VALUES(5,2,'member_added','{"isPrincipal":true,"key":"m1","relation":"本人"}','2026-12-01T16:10:55.713Z','78370779554b7063a1a2a5483462114ca3370ce92d51a34f198f719b359fd3f6');
INSERT INTO "case_event" VALUES(5,3,'consent_granted','{"formReference":"同意書-R8-005","grantedOn":"2026-05-01","member":"m1","scope":{"agencies":[],"fields":["困窮","就労","包括"]}}','2026-12-01T16:10:55.713Z','1ef2c896edb58a140c9d71b12494a191e5a227bc46ae5eb83b47578197d2f4dc');
INSERT INTO "case_event" VALUES(5,4,'plan_drafted','{"draftedOn":"2026-05-20","kind":"参加支援","services":[{"agency":"npo-ibasho","statutory":true,"task":"就労体験の場の提供"},{"agency":"jiritsu-soudan","statutory":false,"task":"家計相談"}],"urgent":false}','2026-12-01T16:10:55.713Z','0f99084ea9a178474b997ab23f24a822044ae3b356af5087c0583387d0450a94');
INSERT INTO "case_event" VALUES(5,5,'decision_recorded','{"decidedOn":"2026-06-10","onEvent":4,"outcome":"プラン承認","supportDecisionBy":"p-city-1"}','2026-12-01T16:10:55.713Z','f0d0e2ee343cbda30a9cf4710536f7eee7152ebebbfa9a7dabf66be906a37396');
INSERT INTO "case_event" VALUES(5,6,'contact_logged','{"by":"jiritsu-soudan","date":"2026-08-20","method":"面談","reached":true}','2026-12-01T16:10:55.713Z','a83fa847b8961f8acc530205c98c40d292bc1c401f0f825c39c0ad46b9d0c208');
INSERT INTO "case_event" VALUES(5,7,'contact_logged','{"by":"jiritsu-soudan","date":"2026-09-14","method":"電話","reached":false}','2026-12-01T16:10:55.713Z','df509b887ad597c8c9406f4ea5e3ecef880b58d4f7585deb1043aed6ddd02b06');
INSERT INTO "case_event" VALUES(5,8,'contact_logged','{"by":"jiritsu-soudan","date":"2026-10-01","method":"訪問","reached":false}','2026-12-01T16:10:55.713Z','592e1a79c32f6eba18af08c2a203f8901fa489767692c82f8e28ea88e71c6bf0');
INSERT INTO "case_event" VALUES(5,9,'contact_logged','{"by":"hogo","date":"2026-10-28","method":"関係機関から","reached":false}','2026-12-01T16:10:55.713Z','516c323efbe0b7ce1d7f8ef0fa97ffd6d703bc9d8ce739efe670a8eb8e041225');
INSERT INTO "case_event" VALUES(5,10,'contact_logged','{"by":"npo-ibasho","date":"2026-11-16","method":"訪問","reached":false}','2026-12-01T16:10:55.713Z','d87b9f91fb6d9d8ca23f9e5b2f0d9f15e359428a9939979f9a7f393dc8999be0');
INSERT INTO "case_event" VALUES(6,1,'opened','{"fields":["障がい","就労"],"involvedAgencies":["kikan-soudan","npo-ibasho"],"number":"R8-6","openedOn":"2026-04-08","referredBy":"kikan-soudan"}','2026-12-01T16:10:55.713Z','671ac05f665e474ffdd6af248e0e0655b1f24a5efdfe7f748587cf74fc2072ee');
INSERT INTO "case_event" VALUES(6,2,'member_added','{"isPrincipal":true,"key":"m1","relation":"本人"}','2026-12-01T16:10:55.713Z','a40cf3c0354a162be47ef6924af76e1b07ceb31712f34e84e398ba18bb145f6d');
INSERT INTO "case_event" VALUES(6,3,'consent_granted','{"formReference":"同意書-R8-006","grantedOn":"2026-04-15","member":"m1","scope":{"agencies":[],"fields":["障がい","就労","包括"]}}','2026-12-01T16:10:55.713Z','f62e2d42373b4074a3c09216059aa644277fd15dff3c26661a6f6926bd1ecea7');
INSERT INTO "case_event" VALUES(6,4,'principal_attendance','{"attends":true,"on":"2026-04-15"}','2026-12-01T16:10:55.713Z','3abd8ea32cf46eb8b6c8ddfea700ce40456c8823c3e2b8952ef952ced54dcd04');
INSERT INTO "case_event" VALUES(6,5,'plan_drafted','{"draftedOn":"2026-05-01","kind":"多機関協働","services":[{"agency":"kikan-soudan","statutory":false,"task":"相談支援"},{"agency":"npo-ibasho","statutory":false,"task":"職場定着支援"}],"urgent":false}','2026-12-01T16:10:55.713Z','d5c4aa6ec28b735c62edb3bfecb91aae9dcafa88fcf16fdba377b195eef65e05');
INSERT INTO "case_event" VALUES(6,6,'decision_recorded','{"decidedOn":"2026-05-13","onEvent":5,"outcome":"プラン承認"}','2026-12-01T16:10:55.713Z','2f9736d016f2bdc108db558e82697dab89b2e8f36d0f6abba51d112a426281c2');
INSERT INTO "case_event" VALUES(6,7,'contact_logged','{"by":"kikan-soudan","date":"2026-10-30","method":"面談","reached":true}','2026-12-01T16:10:55.713Z','7955845748e74c0ef93c729c78c8e85e58beb56778b96b22472bf76db42f4b80');
INSERT INTO "case_event" VALUES(6,8,'end_proposed','{"by":"shakyo","proposedOn":"2026-11-20","urgent":false}','2026-12-01T16:10:55.713Z','78e90da0c93247daed0281344ad282b43970659193a18721a90262bf474a92e8');
CREATE TABLE case_file (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 32),
  opened_on TEXT NOT NULL CHECK (date(opened_on, '+0 days') = opened_on)
) STRICT;
INSERT INTO "case_file" VALUES(1,'R8-1','2026-09-01');
INSERT INTO "case_file" VALUES(2,'R8-2','2026-08-20');
INSERT INTO "case_file" VALUES(3,'R8-3','2026-10-05');
INSERT INTO "case_file" VALUES(4,'R8-4','2026-10-15');
INSERT INTO "case_file" VALUES(5,'R8-5','2026-04-20');
INSERT INTO "case_file" VALUES(6,'R8-6','2026-04-08');
CREATE TABLE chain_anchor (
  case_id INTEGER PRIMARY KEY REFERENCES case_file(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  head TEXT NOT NULL CHECK (length(head) = 64),
  seal TEXT NOT NULL CHECK (length(seal) = 64)
) STRICT;
CREATE TABLE chain_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64)
) STRICT;
INSERT INTO "chain_key" VALUES(1,'6386a818130c7c30279901ca4f1c2f058aaf57a04143e84049d82d7093e8cb3f');
CREATE TABLE deputy (
  session_id TEXT NOT NULL,
  agency_id TEXT NOT NULL REFERENCES agency(id),
  person_id TEXT NOT NULL REFERENCES person(id),
  PRIMARY KEY (session_id, agency_id)
) STRICT;
CREATE TABLE feed_audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  agency_id TEXT,
  token_id TEXT,
  client TEXT NOT NULL,
  status INTEGER NOT NULL,
  etag TEXT
) STRICT;
CREATE TABLE feed_token (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 8 AND 32),
  agency_id TEXT NOT NULL REFERENCES agency(id),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  issued_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
INSERT INTO "feed_token" VALUES('ft-223d9a8eca27','houkatsu-chuo','90148c13cc54b1deee7a9fbb405e8736b9cdab53cf2edd1d302db5a334f0cae7',1795623057,NULL);
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO "grdb_migrations" VALUES('v1: registry and case files');
INSERT INTO "grdb_migrations" VALUES('v2: sessions and scheduled items');
INSERT INTO "grdb_migrations" VALUES('v3: calendar objects, invitations, feed tokens and audit');
INSERT INTO "grdb_migrations" VALUES('v4: deputies');
INSERT INTO "grdb_migrations" VALUES('v5: workspace version');
INSERT INTO "grdb_migrations" VALUES('v6: keyed event chain');
INSERT INTO "grdb_migrations" VALUES('v7: meetings as records, carried items, joint holding, 支援決定');
CREATE TABLE household_member (
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 32),
  name TEXT NOT NULL CHECK (length(name) > 0),
  birth_date TEXT CHECK (birth_date IS NULL OR date(birth_date, '+0 days') = birth_date),
  address TEXT,
  circumstances TEXT,
  PRIMARY KEY (case_id, key)
) STRICT;
INSERT INTO "household_member" VALUES(1,'m1','架空 ハナ','1944-05-02','かさね市中央1-2-3','要介護2、認知機能の低下');
INSERT INTO "household_member" VALUES(1,'m2','架空 一郎','1974-08-15','かさね市中央1-2-3','20年来のひきこもり');
INSERT INTO "household_member" VALUES(2,'m1','仮名 由美','1988-03-03','かさね市東町4-5','生活困窮、養育の困難');
INSERT INTO "household_member" VALUES(2,'m2','仮名 あおい','2014-06-06','かさね市東町4-5','不登校');
INSERT INTO "household_member" VALUES(2,'m3','仮名 健二','1985-01-20','かさね市東町4-5','ひきこもり');
INSERT INTO "household_member" VALUES(2,'m4','仮名 トミ','1950-11-11','かさね市東町4-5','要支援1');
INSERT INTO "household_member" VALUES(3,'m1','匿名 太郎','1951-07-07','かさね市西原8-1','ごみ屋敷、近隣からの苦情');
INSERT INTO "household_member" VALUES(4,'m1','試験 次郎','1990-02-14','かさね市南風原2-9','長期のひきこもり、通院中断');
INSERT INTO "household_member" VALUES(5,'m1','見本 三郎','1979-09-09','かさね市北谷3-3','多重債務、失業');
INSERT INTO "household_member" VALUES(6,'m1','例示 四季','1996-12-24','かさね市美里5-5','就労の継続に不安');
CREATE TABLE invitation (
  trigger_id TEXT NOT NULL REFERENCES item_calendar(trigger_id),
  person_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
  sequence INTEGER NOT NULL CHECK (sequence >= 0),
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (trigger_id, person_id)
) STRICT;
INSERT INTO "invitation" VALUES('R8-2#10','p-jiritsu-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-2#10','p-kyoiku-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-2#10','p-city-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-2#10','p-kodomo-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-2#10','p-shakyo-2','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-2#10','p-houkatsu-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-2#10','p-shakyo-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-5#10','p-ibasho-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-5#10','p-shakyo-2','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-5#10','p-city-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-5#10','p-shakyo-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-5#10','p-jiritsu-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-1#6','p-houkatsu-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-1#6','p-kikan-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-1#6','p-city-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-1#6','p-hikikomori-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-1#6','p-shakyo-2','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-1#6','p-shakyo-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-4#4','p-shakyo-2','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-4#4','p-city-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-4#4','p-kenko-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-4#4','p-shakyo-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-6#8','p-shakyo-2','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-6#8','p-city-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-6#8','p-ibasho-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-6#8','p-kikan-1','REQUEST',0,1795623056);
INSERT INTO "invitation" VALUES('R8-6#8','p-shakyo-1','REQUEST',0,1795623056);
CREATE TABLE item_calendar (
  trigger_id TEXT PRIMARY KEY NOT NULL,
  uid TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL CHECK (sequence >= 0),
  content_hash TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  cancelled_at INTEGER,
  event TEXT NOT NULL CHECK (json_valid(event))
) STRICT;
INSERT INTO "item_calendar" VALUES('R8-2#10','kasane-R8-2-10@city.kasane.example.jp',0,'a07a4c7a320ac3da',1795623056,NULL,'{"attendees":[{"address":{"mailbox":"m.kinjo@shakyo.kasane.example.jp","name":"金城 美和"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"CHAIR","rsvp":true},{"address":{"mailbox":"s.tamaki@shakyo.kasane.example.jp","name":"玉城 翔"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"n.higa@city.kasane.example.jp","name":"比嘉 直子"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"s.nakamura@edu.kasane.example.jp","name":"仲村 聡"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"s.uehara@city.kasane.example.jp","name":"上原 さやか"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"m.arakaki@houkatsu.kasane.example.jp","name":"新垣 恵"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"m.shimabukuro@soudan.kasane.example.jp","name":"島袋 誠"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true}],"date":"2026-11-27","description":"随時 重層的支援会議\nケース番号: R8-2\n検討事項: プラン策定時\n議題:\n・本人の目標・支援方針・プラン内容（アセスメント結果に基づく）\n・各支援関係機関の役割分担の確認\n・モニタリングの時期の検討\n個人情報は会議の場でのみ共有します。","end":{"minutes":630},"organizer":{"mailbox":"jusou@city.kasane.example.jp","name":"かさね市 福祉政策課 重層的支援推進係 事務局"},"sequence":0,"stamp":{"seconds":1795623056},"start":{"minutes":600},"status":"CONFIRMED","summary":"重層的支援会議 R8-2 プラン策定時","uid":"kasane-R8-2-10@city.kasane.example.jp"}');
INSERT INTO "item_calendar" VALUES('R8-5#10','kasane-R8-5-10@city.kasane.example.jp',0,'119a2fc7905d4aef',1795623056,NULL,'{"attendees":[{"address":{"mailbox":"m.kinjo@shakyo.kasane.example.jp","name":"金城 美和"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"CHAIR","rsvp":true},{"address":{"mailbox":"s.tamaki@shakyo.kasane.example.jp","name":"玉城 翔"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"n.higa@city.kasane.example.jp","name":"比嘉 直子"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"y.taira@ibasho.example.org","name":"平良 由香"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"m.shimabukuro@soudan.kasane.example.jp","name":"島袋 誠"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true}],"date":"2026-11-27","description":"随時 重層的支援会議\nケース番号: R8-5\n検討事項: 支援中断の決定時\n議題:\n・本人との連絡が完全に取れなくなった状況の確認\n・支援中断の決定\n個人情報は会議の場でのみ共有します。","end":{"minutes":660},"organizer":{"mailbox":"jusou@city.kasane.example.jp","name":"かさね市 福祉政策課 重層的支援推進係 事務局"},"sequence":0,"stamp":{"seconds":1795623056},"start":{"minutes":630},"status":"CONFIRMED","summary":"重層的支援会議 R8-5 支援中断の決定時","uid":"kasane-R8-5-10@city.kasane.example.jp"}');
INSERT INTO "item_calendar" VALUES('R8-1#6','kasane-R8-1-6@city.kasane.example.jp',0,'0fbdccdb9102389e',1795623056,NULL,'{"attendees":[{"address":{"mailbox":"m.kinjo@shakyo.kasane.example.jp","name":"金城 美和"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"CHAIR","rsvp":true},{"address":{"mailbox":"s.tamaki@shakyo.kasane.example.jp","name":"玉城 翔"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"n.higa@city.kasane.example.jp","name":"比嘉 直子"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"m.arakaki@houkatsu.kasane.example.jp","name":"新垣 恵"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"k.oshiro@soudan.kasane.example.jp","name":"大城 健"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"t.kakazu@hikikomori.pref.example.jp","name":"嘉数 徹"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true}],"date":"2026-12-09","description":"重層的支援会議・支援会議（定例）\nケース番号: R8-1\n検討事項: プラン策定時\n議題:\n・本人の目標・支援方針・プラン内容（アセスメント結果に基づく）\n・各支援関係機関の役割分担の確認\n・モニタリングの時期の検討\nオンライン参加: https:\/\/meet.kasane.example.jp\/jusou\n個人情報は会議の場でのみ共有します。","end":{"minutes":870},"location":"かさね市役所 本庁舎3階 第1会議室","organizer":{"mailbox":"jusou@city.kasane.example.jp","name":"かさね市 福祉政策課 重層的支援推進係 事務局"},"sequence":0,"stamp":{"seconds":1795623056},"start":{"minutes":840},"status":"CONFIRMED","summary":"重層的支援会議 R8-1 プラン策定時","uid":"kasane-R8-1-6@city.kasane.example.jp","url":"https:\/\/meet.kasane.example.jp\/jusou"}');
INSERT INTO "item_calendar" VALUES('R8-4#4','kasane-R8-4-4@city.kasane.example.jp',0,'1cd1a0aa6daa2897',1795623056,NULL,'{"attendees":[{"address":{"mailbox":"m.kinjo@shakyo.kasane.example.jp","name":"金城 美和"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"CHAIR","rsvp":true},{"address":{"mailbox":"s.tamaki@shakyo.kasane.example.jp","name":"玉城 翔"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"n.higa@city.kasane.example.jp","name":"比嘉 直子"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"h.teruya@city.kasane.example.jp","name":"照屋 光"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true}],"date":"2026-12-09","description":"重層的支援会議・支援会議（定例）\nケース番号: R8-4\n検討事項: プラン策定時\n議題:\n・本人の目標・支援方針・プラン内容（アセスメント結果に基づく）\n・各支援関係機関の役割分担の確認\n・モニタリングの時期の検討\nオンライン参加: https:\/\/meet.kasane.example.jp\/jusou\n個人情報は会議の場でのみ共有します。","end":{"minutes":900},"location":"かさね市役所 本庁舎3階 第1会議室","organizer":{"mailbox":"jusou@city.kasane.example.jp","name":"かさね市 福祉政策課 重層的支援推進係 事務局"},"sequence":0,"stamp":{"seconds":1795623056},"start":{"minutes":870},"status":"CONFIRMED","summary":"支援会議 R8-4 プラン策定時","uid":"kasane-R8-4-4@city.kasane.example.jp","url":"https:\/\/meet.kasane.example.jp\/jusou"}');
INSERT INTO "item_calendar" VALUES('R8-6#8','kasane-R8-6-8@city.kasane.example.jp',0,'d9806d6e976e81d3',1795623056,NULL,'{"attendees":[{"address":{"mailbox":"m.kinjo@shakyo.kasane.example.jp","name":"金城 美和"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"CHAIR","rsvp":true},{"address":{"mailbox":"s.tamaki@shakyo.kasane.example.jp","name":"玉城 翔"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"n.higa@city.kasane.example.jp","name":"比嘉 直子"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"y.taira@ibasho.example.org","name":"平良 由香"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true},{"address":{"mailbox":"k.oshiro@soudan.kasane.example.jp","name":"大城 健"},"cutype":"INDIVIDUAL","partstat":"NEEDS-ACTION","role":"REQ-PARTICIPANT","rsvp":true}],"date":"2026-12-09","description":"重層的支援会議・支援会議（定例）\nケース番号: R8-6\n検討事項: 支援終結の判断時\n議題:\n・本人の目標達成状況・本人に関わる支援者の状況の確認\n・支援終結の評価\n・フォローアップの必要性と方法の確認\nオンライン参加: https:\/\/meet.kasane.example.jp\/jusou\n個人情報は会議の場でのみ共有します。","end":{"minutes":930},"location":"かさね市役所 本庁舎3階 第1会議室","organizer":{"mailbox":"jusou@city.kasane.example.jp","name":"かさね市 福祉政策課 重層的支援推進係 事務局"},"sequence":0,"stamp":{"seconds":1795623056},"start":{"minutes":900},"status":"CONFIRMED","summary":"重層的支援会議 R8-6 支援終結の判断時","uid":"kasane-R8-6-8@city.kasane.example.jp","url":"https:\/\/meet.kasane.example.jp\/jusou"}');
CREATE TABLE joint_acceptance (
  trigger_id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL CHECK (length(session_id) BETWEEN 1 AND 96),
  body_id TEXT NOT NULL REFERENCES body(id),
  accepted_on TEXT NOT NULL CHECK (date(accepted_on, '+0 days') = accepted_on)
) STRICT;
CREATE TABLE person (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(name) > 0),
  mailbox TEXT NOT NULL CHECK (mailbox LIKE '_%@_%'),
  agency_id TEXT NOT NULL REFERENCES agency(id),
  title TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;
INSERT INTO "person" VALUES('p-city-1','比嘉 直子','n.higa@city.kasane.example.jp','city-jusou','係長',0);
INSERT INTO "person" VALUES('p-city-2','宮城 亮','r.miyagi@city.kasane.example.jp','city-jusou','主事',1);
INSERT INTO "person" VALUES('p-shakyo-1','金城 美和','m.kinjo@shakyo.kasane.example.jp','shakyo','相談支援包括化推進員',2);
INSERT INTO "person" VALUES('p-shakyo-2','玉城 翔','s.tamaki@shakyo.kasane.example.jp','shakyo','アウトリーチ支援員',3);
INSERT INTO "person" VALUES('p-houkatsu-1','新垣 恵','m.arakaki@houkatsu.kasane.example.jp','houkatsu-chuo','社会福祉士',4);
INSERT INTO "person" VALUES('p-kikan-1','大城 健','k.oshiro@soudan.kasane.example.jp','kikan-soudan','相談支援専門員',5);
INSERT INTO "person" VALUES('p-kodomo-1','上原 さやか','s.uehara@city.kasane.example.jp','kodomo-center','家庭相談員',6);
INSERT INTO "person" VALUES('p-jiritsu-1','島袋 誠','m.shimabukuro@soudan.kasane.example.jp','jiritsu-soudan','主任相談支援員',7);
INSERT INTO "person" VALUES('p-ibasho-1','平良 由香','y.taira@ibasho.example.org','npo-ibasho','参加支援コーディネーター',8);
INSERT INTO "person" VALUES('p-hogo-1','知念 大輔','d.chinen@city.kasane.example.jp','hogo','ケースワーカー',9);
INSERT INTO "person" VALUES('p-kyoiku-1','仲村 聡','s.nakamura@edu.kasane.example.jp','kyoiku','スクールソーシャルワーカー',10);
INSERT INTO "person" VALUES('p-sumai-1','安里 剛','t.asato@city.kasane.example.jp','sumai','主査',11);
INSERT INTO "person" VALUES('p-kankyo-1','山城 舞','m.yamashiro@city.kasane.example.jp','kankyo','主任',12);
INSERT INTO "person" VALUES('p-kenko-1','照屋 光','h.teruya@city.kasane.example.jp','kenko','保健師',13);
INSERT INTO "person" VALUES('p-hikikomori-1','嘉数 徹','t.kakazu@hikikomori.pref.example.jp','hikikomori-center','精神保健福祉士',14);
INSERT INTO "person" VALUES('p-minsei-1','喜屋武 節子','s.kyan@shakyo.kasane.example.jp','minsei','民生委員',15);
CREATE TABLE session (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 96),
  kind TEXT NOT NULL CHECK (kind IN ('定例', '随時')),
  series_uid TEXT,
  title TEXT NOT NULL,
  bodies TEXT NOT NULL CHECK (json_valid(bodies) AND json_array_length(bodies) >= 1),
  date TEXT NOT NULL CHECK (date(date, '+0 days') = date),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  minutes_per_item INTEGER NOT NULL CHECK (minutes_per_item >= 1),
  location TEXT,
  online_url TEXT,
  note TEXT, state TEXT NOT NULL DEFAULT '予定'
  CHECK (state IN ('予定', '開催済', '議事録確定')),
  CHECK (end_minute > start_minute),
  CHECK (kind = '随時' OR series_uid IS NOT NULL)
) STRICT;
INSERT INTO "session" VALUES('adhoc-2026-11-27-1000','随時',NULL,'随時 重層的支援会議','["jusou-kaigi"]','2026-11-27',600,720,4,30,NULL,NULL,NULL,'予定');
INSERT INTO "session" VALUES('jusou-2026-12-09','定例','series-jusou@kasane.example.jp','重層的支援会議・支援会議（定例）','["jusou-kaigi","shien-kaigi"]','2026-12-09',840,960,4,30,'かさね市役所 本庁舎3階 第1会議室','https://meet.kasane.example.jp/jusou',NULL,'予定');
CREATE TABLE "session_item" (
  session_id TEXT NOT NULL REFERENCES session(id),
  trigger_id TEXT NOT NULL,
  calendar_key TEXT NOT NULL UNIQUE,
  case_number TEXT NOT NULL REFERENCES case_file(number),
  position INTEGER NOT NULL CHECK (position >= 0),
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  meeting_kind TEXT NOT NULL CHECK (meeting_kind IN ('重層的支援会議', '支援会議')),
  due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') = due_on),
  reason TEXT NOT NULL,
  invited INTEGER NOT NULL DEFAULT 0 CHECK (invited IN (0, 1)),
  carried_from TEXT,
  joint_body TEXT,
  PRIMARY KEY (session_id, trigger_id),
  UNIQUE (session_id, position),
  CHECK (end_minute > start_minute)
) STRICT;
INSERT INTO "session_item" VALUES('adhoc-2026-11-27-1000','R8-2#10','R8-2#10','R8-2',0,600,630,'重層的支援会議','2026-12-01','随時 重層的支援会議 proposed on 2026-11-27 10:00 (R6-1): urgent (随時開催); no 重層的支援会議 session from 2026-11-27 to the due date 2026-12-01',1,NULL,NULL);
INSERT INTO "session_item" VALUES('adhoc-2026-11-27-1000','R8-5#10','R8-5#10','R8-5',1,630,660,'重層的支援会議','2026-12-03','joins 随時 重層的支援会議 adhoc-2026-11-27-1000 on 2026-11-27 (R6-4): no 重層的支援会議 session from 2026-11-27 to the due date 2026-12-03',1,NULL,NULL);
INSERT INTO "session_item" VALUES('jusou-2026-12-09','R8-1#6','R8-1#6','R8-1',0,840,870,'重層的支援会議','2026-12-10','earliest 重層的支援会議 session before the due date 2026-12-10 with room (R6-1)',1,NULL,NULL);
INSERT INTO "session_item" VALUES('jusou-2026-12-09','R8-4#4','R8-4#4','R8-4',1,870,900,'支援会議','2026-12-11','earliest 支援会議 session before the due date 2026-12-11 with room (R6-1)',1,NULL,NULL);
INSERT INTO "session_item" VALUES('jusou-2026-12-09','R8-6#8','R8-6#8','R8-6',2,900,930,'重層的支援会議','2026-12-18','earliest 重層的支援会議 session before the due date 2026-12-18 with room (R6-3)',1,NULL,NULL);
CREATE TABLE workspace_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO "workspace_version" VALUES(1,174);
CREATE INDEX person_agency ON person(agency_id);
CREATE INDEX session_date ON session(date);
CREATE INDEX feed_token_agency ON feed_token(agency_id);
CREATE INDEX feed_audit_at ON feed_audit(at);
CREATE TRIGGER agency_insert_version AFTER INSERT ON agency
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER agency_update_version AFTER UPDATE ON agency
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER agency_delete_version AFTER DELETE ON agency
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER agency_role_insert_version AFTER INSERT ON agency_role
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER agency_role_update_version AFTER UPDATE ON agency_role
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER agency_role_delete_version AFTER DELETE ON agency_role
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER person_insert_version AFTER INSERT ON person
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER person_update_version AFTER UPDATE ON person
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER person_delete_version AFTER DELETE ON person
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER body_insert_version AFTER INSERT ON body
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER body_update_version AFTER UPDATE ON body
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER body_delete_version AFTER DELETE ON body
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER body_member_insert_version AFTER INSERT ON body_member
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER body_member_update_version AFTER UPDATE ON body_member
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER body_member_delete_version AFTER DELETE ON body_member
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER case_file_insert_version AFTER INSERT ON case_file
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER case_file_update_version AFTER UPDATE ON case_file
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER case_file_delete_version AFTER DELETE ON case_file
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER household_member_insert_version AFTER INSERT ON household_member
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER household_member_update_version AFTER UPDATE ON household_member
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER household_member_delete_version AFTER DELETE ON household_member
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER session_insert_version AFTER INSERT ON session
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER session_update_version AFTER UPDATE ON session
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER session_delete_version AFTER DELETE ON session
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER deputy_insert_version AFTER INSERT ON deputy
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER deputy_update_version AFTER UPDATE ON deputy
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER deputy_delete_version AFTER DELETE ON deputy
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER item_calendar_insert_version AFTER INSERT ON item_calendar
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER item_calendar_update_version AFTER UPDATE ON item_calendar
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER item_calendar_delete_version AFTER DELETE ON item_calendar
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER invitation_insert_version AFTER INSERT ON invitation
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER invitation_update_version AFTER UPDATE ON invitation
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER invitation_delete_version AFTER DELETE ON invitation
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER chain_anchor_no_update BEFORE UPDATE ON chain_anchor
BEGIN SELECT RAISE(ABORT, 'chain anchors are permanent'); END;
CREATE TRIGGER chain_anchor_no_delete BEFORE DELETE ON chain_anchor
BEGIN SELECT RAISE(ABORT, 'chain anchors are permanent'); END;
CREATE TRIGGER chain_key_no_update BEFORE UPDATE ON chain_key
BEGIN SELECT RAISE(ABORT, 'the chain key is permanent'); END;
CREATE TRIGGER chain_key_no_delete BEFORE DELETE ON chain_key
BEGIN SELECT RAISE(ABORT, 'the chain key is permanent'); END;
CREATE INDEX session_item_case ON session_item(case_number);
CREATE INDEX session_item_trigger ON session_item(trigger_id);
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
BEGIN SELECT RAISE(ABORT, 'case events are append-only: record a superseding event'); END;
CREATE TRIGGER session_item_insert_version AFTER INSERT ON session_item
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER session_item_update_version AFTER UPDATE ON session_item
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER session_item_delete_version AFTER DELETE ON session_item
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER joint_acceptance_insert_version AFTER INSERT ON joint_acceptance
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER joint_acceptance_update_version AFTER UPDATE ON joint_acceptance
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER joint_acceptance_delete_version AFTER DELETE ON joint_acceptance
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER case_event_insert_version AFTER INSERT ON case_event
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER case_event_update_version AFTER UPDATE ON case_event
BEGIN UPDATE workspace_version SET version = version + 1; END;
CREATE TRIGGER case_event_delete_version AFTER DELETE ON case_event
BEGIN UPDATE workspace_version SET version = version + 1; END;
COMMIT;
