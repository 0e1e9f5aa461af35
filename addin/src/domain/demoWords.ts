import { t } from '../forms/codes';
import type { Locale, Text } from '../i18n/locale';

/**
 * What the people of the demo hospital say and write, in each locale's own words: zh-CN in
 * Simplified as written in mainland China, zh-TW in Traditional with Taiwan's wording (廁所, 冷氣,
 * 病患, 探病 …) and Taiwanese names, en-US in English with the staff's names in pinyin. Every list
 * has the same length in every locale, so a seed gives the same year in each: only the words differ.
 */

/** What complainants say, and the subject (热点事项) a clerk files it under, by complaint category. */
export const COMPLAINT_TEXTS: Readonly<Record<string, readonly { readonly content: Text; readonly subject: Text }[]>> = {
  cleaning: [
    {
      content: t('病房卫生间地面有积水，未及时清理', '病房廁所地板有積水，沒有及時清理', 'Water on the ward toilet floor, not cleaned up'),
      subject: t('卫生间积水未清理', '廁所積水未清理', 'Wet toilet floor not cleaned'),
    },
    {
      content: t('走廊垃圾桶满溢，气味很大', '走廊垃圾桶滿出來，味道很重', 'The corridor bins are overflowing and smell bad'),
      subject: t('垃圾清运不及时', '垃圾清運不及時', 'Rubbish not collected in time'),
    },
    {
      content: t('门诊大厅地面湿滑，没有警示牌', '門診大廳地板濕滑，沒有警示牌', 'The outpatient hall floor is slippery and there is no warning sign'),
      subject: t('湿滑地面无警示', '濕滑地板無警示', 'Slippery floor without a warning sign'),
    },
  ],
  engineering: [
    {
      content: t('病房空调不制冷，报修两天无人处理', '病房冷氣不冷，報修兩天沒人處理', 'The ward air conditioning is not cooling; reported two days ago and nobody has come'),
      subject: t('病房空调不制冷', '病房冷氣不冷', 'Ward air conditioning not cooling'),
    },
    {
      content: t('卫生间水龙头漏水', '廁所水龍頭漏水', 'The toilet faucet is leaking'),
      subject: t('水龙头漏水', '水龍頭漏水', 'Leaking faucet'),
    },
    {
      content: t('病房灯管闪烁', '病房燈管閃爍', 'The ward light keeps flickering'),
      subject: t('病房照明故障', '病房照明故障', 'Ward lighting fault'),
    },
  ],
  security: [
    {
      content: t('夜间探视人员未登记即进入病区', '夜間探病訪客未登記就進入病房區', 'Night visitors walk into the ward without signing in'),
      subject: t('夜间探视未登记', '夜間探病未登記', 'Night visitors not signed in'),
    },
    {
      content: t('急诊门口秩序混乱，无人疏导', '急診門口秩序混亂，沒有人疏導', 'Disorder at the emergency entrance and nobody directing people'),
      subject: t('急诊门口秩序混乱', '急診門口秩序混亂', 'Disorder at the emergency entrance'),
    },
  ],
  parking: [
    {
      content: t('停车场收费标准不清楚', '停車場收費標準不清楚', 'The parking charges are not clear'),
      subject: t('停车收费不透明', '停車收費不透明', 'Unclear parking charges'),
    },
    {
      content: t('地下车库指示牌不明确，找不到出口', '地下停車場指示牌不明確，找不到出口', 'The signs in the underground garage are unclear; could not find the exit'),
      subject: t('车库指示不清', '停車場指示不清', 'Unclear garage signs'),
    },
  ],
  elevator: [
    {
      content: t('3号电梯经常停运，等候时间过长', '3號電梯經常停駛，等候時間太長', 'Elevator 3 is often out of service and the wait is too long'),
      subject: t('电梯停运等候过长', '電梯停駛等候過長', 'Elevator out of service, long waits'),
    },
    {
      content: t('电梯内空调不开，闷热', '電梯內冷氣沒開，很悶熱', 'No air conditioning in the elevator; hot and stuffy'),
      subject: t('电梯内闷热', '電梯內悶熱', 'Hot and stuffy elevator'),
    },
  ],
  transport: [
    {
      content: t('陪检人员迟到半小时，耽误检查', '陪檢人員遲到半小時，耽誤檢查', 'The escort came half an hour late and the examination was delayed'),
      subject: t('陪检人员迟到', '陪檢人員遲到', 'Escort late'),
    },
    {
      content: t('运送患者时推车颠簸', '運送病患時推床顛簸', 'A bumpy trolley ride while moving a patient'),
      subject: t('推车运送颠簸', '推床運送顛簸', 'Bumpy patient transport'),
    },
  ],
  catering: [
    {
      content: t('营养餐送达时已经凉了', '營養餐送到時已經涼了', 'The patient meals were cold when they arrived'),
      subject: t('营养餐送达变凉', '營養餐送達變涼', 'Patient meals arrive cold'),
    },
    {
      content: t('食堂饭菜价格偏高', '員工餐廳餐點價格偏高', 'The canteen food is too expensive'),
      subject: t('食堂价格偏高', '餐廳價格偏高', 'High canteen prices'),
    },
  ],
  laundry: [
    {
      content: t('病号服有污渍未洗净', '病人服有污漬沒洗乾淨', 'Patient gowns still stained after washing'),
      subject: t('病号服未洗净', '病人服未洗淨', 'Gowns not washed clean'),
    },
    {
      content: t('更换床单不及时', '更換床單不及時', 'Bed sheets are not changed in time'),
      subject: t('床单更换不及时', '床單更換不及時', 'Sheets changed late'),
    },
  ],
  attitude: [
    {
      content: t('保洁员对患者家属态度生硬', '清潔人員對病患家屬態度不佳', 'A cleaner was curt with a patient’s family'),
      subject: t('保洁员态度生硬', '清潔人員態度不佳', 'Curt cleaner'),
    },
    {
      content: t('导诊台工作人员不耐烦', '服務台人員不耐煩', 'The information desk staff were impatient'),
      subject: t('导诊服务态度差', '服務台態度差', 'Impatient information desk'),
    },
  ],
  other: [
    {
      content: t('院内指示标识不清', '院內指示標示不清楚', 'The signs inside the hospital are unclear'),
      subject: t('院内标识不清', '院內標示不清', 'Unclear signs'),
    },
    {
      content: t('候诊区座椅不够', '候診區座椅不夠', 'Not enough seats in the waiting area'),
      subject: t('候诊座椅不足', '候診座椅不足', 'Too few waiting-area seats'),
    },
  ],
};

/** What the other receptions are about; a repair request names the trade it needs. */
export const MATTERS: Readonly<Record<string, readonly { readonly matter: Text; readonly trade?: string }[]>> = {
  inquiry: [
    { matter: t('询问体检中心开放时间', '詢問健檢中心開放時間', 'Asked when the health check center is open') },
    { matter: t('询问住院押金退还手续', '詢問住院保證金退還手續', 'Asked how to get the inpatient deposit back') },
    { matter: t('询问停车场月卡办理', '詢問停車場月票辦理', 'Asked about a monthly parking pass') },
    { matter: t('询问陪护证办理流程', '詢問陪病證申請流程', 'Asked how to get a caregiver’s pass') },
    { matter: t('询问食堂营业时间', '詢問餐廳營業時間', 'Asked when the canteen is open') },
  ],
  repair: [
    { matter: t('病房卫生间水龙头漏水', '病房廁所水龍頭漏水', 'Ward toilet faucet leaking'), trade: 'water' },
    { matter: t('走廊灯管不亮', '走廊燈管不亮', 'Corridor light out'), trade: 'electrical' },
    { matter: t('空调不制冷', '冷氣不冷', 'Air conditioning not cooling'), trade: 'hvac' },
    { matter: t('病房门锁损坏', '病房門鎖損壞', 'Ward door lock broken'), trade: 'doors_windows' },
    { matter: t('护士站插座无电', '護理站插座沒電', 'No power at a nurses’ station outlet'), trade: 'electrical' },
    { matter: t('开水器不出水', '飲水機不出熱水', 'Water boiler gives no water'), trade: 'equipment' },
  ],
  issue_report: [
    { matter: t('住院楼电梯间有烟味', '住院大樓電梯間有菸味', 'Smell of smoke in the inpatient building’s elevator lobby') },
    { matter: t('夜间急诊门口车辆乱停', '夜間急診門口車輛亂停', 'Cars parked anywhere at the emergency entrance at night') },
    { matter: t('门诊楼外墙瓷砖松动', '門診大樓外牆磁磚鬆動', 'Loose tiles on the outpatient building’s outer wall') },
    { matter: t('花园路灯不亮', '花園路燈不亮', 'Garden path lights out') },
  ],
  suggestion: [
    { matter: t('建议门诊增加休息座椅', '建議門診增加休息座椅', 'Suggests more seats in the outpatient department') },
    { matter: t('建议食堂增加清淡菜品', '建議餐廳增加清淡菜色', 'Suggests lighter dishes in the canteen') },
    { matter: t('建议增设自助充电设施', '建議增設自助充電設備', 'Suggests self-service phone charging points') },
    { matter: t('建议延长探视时间', '建議延長探病時間', 'Suggests longer visiting hours') },
  ],
  other: [
    { matter: t('家属遗失物品寻找', '家屬遺失物品協尋', 'A family member looking for lost belongings') },
    { matter: t('媒体来访咨询', '媒體來訪詢問', 'A journalist’s visit and questions') },
    { matter: t('外来人员推销', '外來人員推銷', 'An outside salesperson canvassing') },
    { matter: t('患者家属情绪激动需协调', '病患家屬情緒激動需協調', 'An upset patient’s family needing mediation') },
  ],
};

/** What the desk writes in the steps it records. */
export const DESK_TEXTS = {
  site: t('市第一人民医院', '市立第一醫院', 'No. 1 People’s Hospital'),
  inquiryReply: t('已电话答复来访人', '已電話回覆來訪者', 'Answered the caller by phone'),
  verification: t('经核实属实，已由责任部门整改', '經查證屬實，已由權責單位改善', 'Verified; the department responsible has put it right'),
  duplicate: t('重复登记，已并入前一投诉', '重複登記，已併入前一件投訴', 'Registered twice; merged into the earlier complaint'),
  handled: t('已安排人员处理并向投诉人说明', '已安排人員處理並向投訴人說明', 'Staff sent to deal with it; the complainant was told what was done'),
  handledAgain: t('再次整改并当面致歉', '再次改善並當面致歉', 'Put right again, with an apology in person'),
  anonymousVisited: t('投诉人（匿名）', '投訴人（匿名）', 'The complainant (anonymous)'),
  repaired: t('已修复，试用正常', '已修復，測試正常', 'Repaired; tested and working'),
  parts: t('配件1套', '零件1組', '1 set of parts'),
  compilation: t('建议汇总 {month}', '建議匯總 {month}', 'Suggestions {month}'),
} as const satisfies Record<string, Text>;

/** Where a repair is needed: a building, a floor and a room. */
export const BUILDINGS: readonly Text[] = [
  t('门诊楼', '門診大樓', 'Outpatient Building'),
  t('住院楼A', '住院A棟', 'Inpatient Building A'),
  t('住院楼B', '住院B棟', 'Inpatient Building B'),
  t('医技楼', '醫技大樓', 'Medical Technology Building'),
  t('行政楼', '行政大樓', 'Administration Building'),
];

export function location(building: Text, floor: number, room: number, locale: Locale): string {
  if (locale === 'en-US') return `${building[locale]}, floor ${floor}, room ${room}`;
  return locale === 'zh-TW' ? `${building[locale]}${floor}樓-${room}` : `${building[locale]}-${floor}层-${room}`;
}

/** The wards and departments complainants and callers come from. */
export const WARDS: readonly Text[] = [
  t('心内科', '心臟內科', 'Cardiology'),
  t('骨科', '骨科', 'Orthopedics'),
  t('儿科', '小兒科', 'Pediatrics'),
  t('妇产科', '婦產科', 'Obstetrics and Gynecology'),
  t('急诊科', '急診部', 'Emergency'),
  t('门诊部', '門診部', 'Outpatient Department'),
  t('神经内科', '神經內科', 'Neurology'),
  t('普外科', '一般外科', 'General Surgery'),
];

/** Surnames and given names of patients, families, callers and outsourced workers. */
const SURNAMES: Readonly<Record<Locale, readonly string[]>> = {
  'zh-CN': ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'],
  'zh-TW': ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊'],
  'en-US': ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu'],
};
const GIVEN: Readonly<Record<Locale, readonly string[]>> = {
  'zh-CN': ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'],
  'zh-TW': ['怡君', '雅婷', '家豪', '志明', '淑芬', '冠宇', '宗翰', '佳穎', '俊傑', '美玲', '建宏', '欣怡'],
  'en-US': ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan'],
};

/** A person's name drawn from the lists (two draws, the same in every locale). */
export function personName(random: () => number, locale: Locale): string {
  const surname = SURNAMES[locale][Math.floor(random() * SURNAMES[locale].length)];
  const given = GIVEN[locale][Math.floor(random() * GIVEN[locale].length)];
  return locale === 'en-US' ? `${surname} ${given}` : surname + given;
}

/** A mobile number as written where the locale's readers live (two draws in every locale). */
export function phoneNumber(random: () => number, locale: Locale): string {
  const prefix = 30 + Math.floor(random() * 60);
  const rest = String(Math.floor(random() * 1e8)).padStart(8, '0');
  return locale === 'zh-TW' ? `09${rest}` : `1${prefix}${rest}`;
}

/** The staff of the desk and of the departments, by name: who receives, signs, visits and repairs. */
export const STAFF = {
  /** Customer Service clerks at the desk. */
  clerks: [t('王丽', '林雅琪', 'Wang Li'), t('陈静', '陳美惠', 'Chen Jing')],
  /** Managers who make the return visits and record the measures. */
  managers: [t('赵敏', '趙文華', 'Zhao Min'), t('孙伟', '孫志偉', 'Sun Wei')],
  technicians: [t('刘建国', '劉建國', 'Liu Jianguo'), t('周强', '周俊宏', 'Zhou Qiang'), t('吴志刚', '吳志剛', 'Wu Zhigang'), t('郑海', '鄭文傑', 'Zheng Hai')],
  /** Engineering's duty officers, who sign for repair orders. */
  engineeringDuty: [t('马涛', '馬國棟', 'Ma Tao'), t('胡斌', '胡文彬', 'Hu Bin')],
  /** The head of each department, who signs for copy 1 of a complaint ticket. */
  heads: {
    customer_service: t('何晓梅', '何曉梅', 'He Xiaomei'),
    cleaning: t('陈红', '陳淑華', 'Chen Hong'),
    engineering: t('刘振华', '劉振華', 'Liu Zhenhua'),
    security: t('高峰', '高建志', 'Gao Feng'),
    transport: t('许明', '許明哲', 'Xu Ming'),
    catering: t('罗芳', '羅淑芳', 'Luo Fang'),
    laundry: t('邓丽华', '鄧麗華', 'Deng Lihua'),
    management: t('孙建国', '孫建國', 'Sun Jianguo'),
  } as Readonly<Record<string, Text>>,
  /** Who imports the collection system's exports. */
  performanceClerk: t('孙丽华', '孫麗華', 'Sun Lihua'),
} as const;

/** The manager's measures after reading the statistics (step 8). */
export const MEASURE_TEXTS = {
  elevator: {
    finding: t(
      '电梯停运投诉集中在3号梯，维保响应慢',
      '電梯停駛投訴集中在3號梯，保養廠商回應慢',
      'Complaints about elevator outages center on elevator 3; the maintenance contractor is slow to respond',
    ),
    measure: t('3号电梯更换主板，维保单位2小时内到场', '3號電梯更換主機板，保養廠商2小時內到場', 'Replace elevator 3’s main board; the contractor to be on site within 2 hours'),
  },
  cleaning: {
    finding: t('保洁类投诉集中在卫生间积水和垃圾清运', '清潔類投訴集中在廁所積水和垃圾清運', 'Cleaning complaints center on wet toilet floors and rubbish collection'),
    measure: t('病区卫生间每2小时巡查一次，垃圾清运增加午间一班', '病房區廁所每2小時巡查一次，垃圾清運增加中午一班', 'Ward toilets checked every 2 hours; an extra midday rubbish round'),
  },
  attitude: {
    finding: t('服务态度投诉较上年增加', '服務態度投訴比去年增加', 'More complaints about staff attitude than last year'),
    measure: t('导诊、保洁人员服务礼仪培训，每季度考核', '服務台、清潔人員服務禮儀訓練，每季考核', 'Courtesy training for information desk and cleaning staff, assessed every quarter'),
  },
  meals: {
    finding: t('营养餐送达变凉', '營養餐送達變涼', 'Patient meals arrive cold'),
    measure: t('配送车加装保温箱', '配送車加裝保溫箱', 'Insulated boxes fitted to the meal carts'),
    outcome: t('保温箱已配齐', '保溫箱已全部配置', 'Every cart has its insulated box'),
  },
} as const;
